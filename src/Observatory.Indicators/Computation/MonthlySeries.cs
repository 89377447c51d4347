namespace Observatory.Indicators.Computation;

/// <summary>
/// An indicator's monthly sums as the database returned them: per area (0 is the ICS, then each borough),
/// breakdown and group, three channels per month (numerator, denominator, sum of squares), plus the census
/// population per area, breakdown and group for rates. Months are indexed within the warehouse's calendar.
/// </summary>
internal sealed class MonthlySeries(int areas, IReadOnlyList<BreakdownPlan> breakdowns, MonthRange calendar)
{
    private const int Channels = 3;
    private readonly int _months = calendar.Count;

    private readonly double[]?[][][] _values = Enumerable.Range(0, areas)
        .Select(_ => breakdowns.Select(b => new double[]?[b.Groups.Groups.Count]).ToArray()).ToArray();

    private readonly double[][][] _population = Enumerable.Range(0, areas)
        .Select(_ => breakdowns.Select(b => new double[b.Groups.Groups.Count]).ToArray()).ToArray();

    private readonly double[]?[][] _deciles = Enumerable.Range(0, areas).Select(_ => new double[]?[10]).ToArray();

    public int Areas => areas;

    public MonthRange Calendar => calendar;

    public void Add(int area, int breakdown, int group, int month, double numerator, double denominator, double squares)
    {
        var values = _values[area][breakdown][group] ??= new double[_months * Channels];
        var at = month * Channels;
        values[at] += numerator;
        values[at + 1] += denominator;
        values[at + 2] += squares;
    }

    /// <summary>Adds to an IMD decile (0 is the most deprived), for the slope index of inequality.</summary>
    public void AddDecile(int area, int decile, int month, double numerator, double denominator, double squares)
    {
        var values = _deciles[area][decile] ??= new double[_months * Channels];
        var at = month * Channels;
        values[at] += numerator;
        values[at + 1] += denominator;
        values[at + 2] += squares;
    }

    public void AddPopulation(int area, int breakdown, int group, double residents) => _population[area][breakdown][group] += residents;

    /// <summary>Whether the group has any rows in the area at any time (groups never seen are not published).</summary>
    public bool Has(int area, int breakdown, int group) => _values[area][breakdown][group] is not null;

    public double Population(int area, int breakdown, int group) => _population[area][breakdown][group];

    /// <summary>Sums of the three channels over months <paramref name="first"/> to <paramref name="last"/> (month indexes).</summary>
    public (double Numerator, double Denominator, double Squares) Sum(int area, int breakdown, int group, int first, int last) =>
        Sum(_values[area][breakdown][group], first, last);

    public (double Numerator, double Denominator, double Squares) SumDecile(int area, int decile, int first, int last) =>
        Sum(_deciles[area][decile], first, last);

    private static (double Numerator, double Denominator, double Squares) Sum(double[]? values, int first, int last)
    {
        if (values is null)
        {
            return default;
        }

        double n = 0, d = 0, s = 0;
        for (var m = first; m <= last; m++)
        {
            n += values[m * Channels];
            d += values[m * Channels + 1];
            s += values[m * Channels + 2];
        }

        return (n, d, s);
    }
}

/// <summary>The months of the warehouse's calendar (the Dates dimension), numbered as year × 12 + month − 1.</summary>
internal sealed record MonthRange(int First, int Last)
{
    public int Count => Last - First + 1;

    /// <summary>The position of a month in the calendar.</summary>
    public int Index(int month) => month >= First && month <= Last ? month - First
        : throw new InvalidOperationException($"A date in month {month} lies outside the warehouse's calendar (Dates).");
}

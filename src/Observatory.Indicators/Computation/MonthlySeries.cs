namespace Observatory.Indicators.Computation;

/// <summary>
/// The sums behind one value: numerator, denominator and sum of squares (for means), and the sums of the record
/// keys of the rows the numerator and denominator count (for their cell keys; whole numbers below 2^53, so exact).
/// </summary>
internal readonly record struct Sums(double Numerator, double Denominator, double Squares, double NumeratorKeys, double DenominatorKeys)
{
    public const int Channels = 5;

    public bool IsEmpty => Numerator == 0 && Denominator == 0;
}

/// <summary>
/// An indicator's monthly sums as the database returned them: per area (0 is the ICS, then each borough),
/// breakdown and group, the <see cref="Sums"/> of each month, plus the census population per area, breakdown and
/// group for rates. Months are indexed within the warehouse's calendar.
/// </summary>
internal sealed class MonthlySeries(int areas, IReadOnlyList<BreakdownPlan> breakdowns, MonthRange calendar)
{
    private const int Channels = Sums.Channels;
    private readonly int _months = calendar.Count;

    private readonly double[]?[][][] _values = Enumerable.Range(0, areas)
        .Select(_ => breakdowns.Select(b => new double[]?[b.Groups.Groups.Count]).ToArray()).ToArray();

    private readonly double[][][] _population = Enumerable.Range(0, areas)
        .Select(_ => breakdowns.Select(b => new double[b.Groups.Groups.Count]).ToArray()).ToArray();

    private readonly double[]?[][] _deciles = Enumerable.Range(0, areas).Select(_ => new double[]?[10]).ToArray();

    public int Areas => areas;

    public MonthRange Calendar => calendar;

    public void Add(int area, int breakdown, int group, int month, Sums sums) =>
        Add(_values[area][breakdown][group] ??= new double[_months * Channels], month, sums);

    /// <summary>Adds to an IMD decile (0 is the most deprived), for the slope index of inequality.</summary>
    public void AddDecile(int area, int decile, int month, Sums sums) =>
        Add(_deciles[area][decile] ??= new double[_months * Channels], month, sums);

    public void AddPopulation(int area, int breakdown, int group, double residents) => _population[area][breakdown][group] += residents;

    /// <summary>Whether the group has any rows in the area at any time (groups never seen are not published).</summary>
    public bool Has(int area, int breakdown, int group) => _values[area][breakdown][group] is not null;

    public double Population(int area, int breakdown, int group) => _population[area][breakdown][group];

    /// <summary>The sums over months <paramref name="first"/> to <paramref name="last"/> (month indexes).</summary>
    public Sums Sum(int area, int breakdown, int group, int first, int last) => Sum(_values[area][breakdown][group], first, last);

    public Sums SumDecile(int area, int decile, int first, int last) => Sum(_deciles[area][decile], first, last);

    private static void Add(double[] values, int month, Sums sums)
    {
        var at = month * Channels;
        values[at] += sums.Numerator;
        values[at + 1] += sums.Denominator;
        values[at + 2] += sums.Squares;
        values[at + 3] += sums.NumeratorKeys;
        values[at + 4] += sums.DenominatorKeys;
    }

    private static Sums Sum(double[]? values, int first, int last)
    {
        if (values is null)
        {
            return default;
        }

        var total = new double[Channels];
        for (var m = first; m <= last; m++)
        {
            for (var c = 0; c < Channels; c++)
            {
                total[c] += values[m * Channels + c];
            }
        }

        return new Sums(total[0], total[1], total[2], total[3], total[4]);
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

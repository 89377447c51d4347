using Microsoft.OData.Edm;
using Observatory.Indicators.Catalogue;

namespace Observatory.Templates.Dax;

/// <summary>
/// Every indicator of the catalogue as DAX measures on its fact table: the numerator and denominator exactly as
/// the catalogue counts them (its filters, its aggregate, its period date through that date's relationship), and
/// the value with its 95% interval (<see cref="IntervalDax"/>). Named after the indicator's title, in a display
/// folder per theme, described with the catalogue's own words.
/// </summary>
public sealed class IndicatorMeasures
{
    private readonly IEdmModel _model;
    private readonly Dictionary<string, DaxConditions> _conditions = new(StringComparer.Ordinal);

    // How many indicators of each fact set count by each of its dates.
    private readonly Dictionary<string, Dictionary<string, int>> _dates = new(StringComparer.Ordinal);

    public IndicatorMeasures(IEdmModel model, IndicatorCatalogue catalogue)
    {
        _model = model;
        Measures = [.. catalogue.Indicators.SelectMany(Of)];
        UsualDates = _dates.ToDictionary(d => d.Key, d => d.Value.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key);
        if (Measures.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new TemplateException($"Two measures would be called '{twice.Key}': indicator titles must differ.");
        }
    }

    public IReadOnlyList<Measure> Measures { get; }

    /// <summary>The columns of each fact set the measures read (beside the keys of its dimensions).</summary>
    public IReadOnlyCollection<string> ColumnsRead(string set) => _conditions.TryGetValue(set, out var c) ? c.FactColumns : [];

    /// <summary>The date each fact set's measures count by most often: its relationship to Dates is the active one.</summary>
    public IReadOnlyDictionary<string, string> UsualDates { get; }

    public Measure For(string indicatorId, MeasurePart part) =>
        Measures.FirstOrDefault(m => m.IndicatorId == indicatorId && m.Part == part)
        ?? throw new TemplateException($"No {part} measure for indicator '{indicatorId}'.");

    public static string Name(IndicatorDefinition indicator, MeasurePart part) => part switch
    {
        MeasurePart.Value => indicator.Title,
        MeasurePart.Numerator => $"{indicator.Title} numerator",
        MeasurePart.Denominator => $"{indicator.Title} denominator",
        MeasurePart.Lower95 => $"{indicator.Title} lower 95%",
        MeasurePart.Upper95 => $"{indicator.Title} upper 95%",
        _ => $"{indicator.Title} sum of squares",
    };

    private IEnumerable<Measure> Of(IndicatorDefinition indicator)
    {
        var facts = _model.EntityContainer.FindEntitySet(indicator.Facts) ?? throw new TemplateException($"{indicator.Id}: no fact set {indicator.Facts}.");
        var conditions = ConditionsOf(facts);
        var date = facts.EntityType.FindProperty(indicator.PeriodDate) as IEdmNavigationProperty
            ?? throw new TemplateException($"{indicator.Id}: {indicator.Facts} have no date {indicator.PeriodDate}.");
        var dateKey = date.DependentProperties().Single().Name;
        Count(indicator.Facts, indicator.PeriodDate);
        var where = $"{indicator.Id} ({indicator.Facts})";
        var common = conditions.Translate(indicator.Filter, where);
        var period = $"USERELATIONSHIP ( {conditions.FactColumn(dateKey)}, {DaxConditions.Column(Model.TemplateModel.DatesTable, "DateKey")} )";

        string Name(MeasurePart part) => IndicatorMeasures.Name(indicator, part);
        Measure Make(MeasurePart part, IReadOnlyList<string> dax, string format, string description, bool hidden = false) =>
            new(indicator.Facts, Name(part), dax, format, indicator.Theme, description, indicator.Id, part, hidden);

        var (numeratorAggregate, numeratorColumn) = Aggregate(indicator.Numerator.Aggregate!, facts.Name, conditions, where);
        var numeratorFilters = common.Concat(conditions.Translate(indicator.Numerator.Filter, where)).ToList();
        yield return Make(MeasurePart.Numerator, Calculate(numeratorAggregate, [period, .. numeratorFilters]), "#,0.##",
            $"{indicator.Numerator.Description} ({indicator.Id}, numerator)");

        string? sumOfSquares = null;
        if (indicator.Denominator is { } denominator)
        {
            var dax = denominator.Population is { } population
                ? Calculate($"SUM ( {ConditionsOf(Population()).FactColumn("Residents")} )", ConditionsOf(Population()).Translate(population, where + " population"))
                : Calculate(Aggregate(denominator.Aggregate!, facts.Name, conditions, where).Dax, [period, .. common, .. conditions.Translate(denominator.Filter, where)]);
            yield return Make(MeasurePart.Denominator, dax, "#,0", $"{denominator.Description} ({indicator.Id}, denominator)");
        }

        if (indicator.Unit == IndicatorUnit.Mean)
        {
            // The spread of the values for the mean's interval: the sum of the squares of what the numerator sums, over its rows.
            var column = numeratorColumn ?? throw new TemplateException($"{where}: a mean's numerator must sum a column.");
            sumOfSquares = Name(MeasurePart.SumOfSquares);
            yield return Make(MeasurePart.SumOfSquares, Calculate($"SUMX ( {DaxConditions.Table(facts.Name)}, {column} * {column} )", [period, .. numeratorFilters]), "#,0.##",
                $"Sum of the squares of the values the mean averages, for its interval ({indicator.Id}).", hidden: true);
        }

        var denominatorName = indicator.Denominator is null ? null : Name(MeasurePart.Denominator);
        var format = Format(indicator.Unit);
        yield return Make(MeasurePart.Value, IntervalDax.Value(indicator.Unit, Name(MeasurePart.Numerator), denominatorName), format,
            $"{indicator.Question} In {indicator.UnitLabel}. {Indicators.Statistics.Methods.Describe(indicator.Unit)} ({indicator.Id} version {indicator.Version})");
        foreach (var (part, upper) in new[] { (MeasurePart.Lower95, false), (MeasurePart.Upper95, true) })
        {
            yield return Make(part, IntervalDax.Limit(indicator.Unit, upper, Name(MeasurePart.Numerator), denominatorName, sumOfSquares), format,
                $"{(upper ? "Upper" : "Lower")} limit of the 95% interval of {indicator.Title} ({indicator.Id}).");
        }
    }

    private DaxConditions ConditionsOf(IEdmEntitySet facts)
    {
        if (!_conditions.TryGetValue(facts.Name, out var conditions))
        {
            conditions = new DaxConditions(_model, facts);
            _conditions.Add(facts.Name, conditions);
        }

        return conditions;
    }

    private IEdmEntitySet Population() => _model.EntityContainer.FindEntitySet(Model.TemplateModel.PopulationTable)
        ?? throw new TemplateException($"The feed has no set {Model.TemplateModel.PopulationTable}.");

    private void Count(string facts, string date)
    {
        if (!_dates.TryGetValue(facts, out var counts))
        {
            _dates[facts] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        counts[date] = counts.GetValueOrDefault(date) + 1;
    }

    // The aggregate in DAX, and the column it reads (none for a count of rows).
    private static (string Dax, string? Column) Aggregate(string aggregate, string facts, DaxConditions conditions, string where)
    {
        if (aggregate == "$count")
        {
            return ($"COUNTROWS ( {DaxConditions.Table(facts)} )", null);
        }

        return aggregate.Split(' ', StringSplitOptions.RemoveEmptyEntries) switch
        {
            [var column, "with", "sum"] => ($"SUM ( {conditions.FactColumn(column)} )", conditions.FactColumn(column)),
            // The feed counts distinct values that are there: DISTINCTCOUNT would count a blank as one more.
            [var column, "with", "countdistinct"] => ($"DISTINCTCOUNTNOBLANK ( {conditions.FactColumn(column)} )", conditions.FactColumn(column)),
            _ => throw new TemplateException($"{where}: no DAX for the aggregate '{aggregate}'."),
        };
    }

    private static IReadOnlyList<string> Calculate(string aggregate, IReadOnlyList<string> filters) =>
    [
        "CALCULATE (",
        $"    {aggregate}{(filters.Count > 0 ? "," : "")}",
        .. filters.Select((f, i) => $"    {f}{(i < filters.Count - 1 ? "," : "")}"),
        ")",
    ];

    private static string Format(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Proportion => "0.0%",
        IndicatorUnit.Count => "#,0",
        _ => "#,0.0",
    };
}

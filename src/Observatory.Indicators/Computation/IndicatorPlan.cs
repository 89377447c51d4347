using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Indicators.Catalogue;
using Observatory.Query;
using Observatory.Query.Sql;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Computation;

/// <summary>A value summed over the fact rows <c>f</c> that meet every condition.</summary>
internal sealed record Measure(string Value, IReadOnlyList<string> Conditions)
{
    /// <summary>The SQL aggregate, leaving out conditions the query's WHERE already guarantees.</summary>
    public string Sql(IReadOnlySet<string> guaranteed) => Conditions.Where(c => !guaranteed.Contains(c)).ToList() switch
    {
        [] => $"SUM({Value})",
        var remaining => $"SUM(CASE WHEN {string.Join(" AND ", remaining)} THEN {Value} END)",
    };

    /// <summary>What one row adds to the aggregate (0 when it does not count), for adding up outside the database.</summary>
    public string RowSql(IReadOnlySet<string> guaranteed)
    {
        var value = Value == "1" ? Value : $"COALESCE({Value}, 0)";
        return Conditions.Where(c => !guaranteed.Contains(c)).ToList() switch
        {
            [] => value,
            var remaining => $"CASE WHEN {string.Join(" AND ", remaining)} THEN {value} ELSE 0 END",
        };
    }
}

/// <summary>One breakdown of an indicator as computed: its groups and the fact column that picks a row's group.</summary>
internal sealed record BreakdownPlan(Breakdown? Breakdown, GroupMap Groups, string? FactColumn, string? PopulationColumn)
{
    public string Id => Breakdown?.Id ?? Catalogue.Breakdown.Overall;
}

/// <summary>
/// An indicator ready to compute: its numerator, denominator and (for means) sum of squares as SQL aggregates
/// over the fact rows <c>f</c>, its breakdowns with their groups, and its population condition for rates.
/// </summary>
internal sealed class IndicatorPlan
{
    public required IndicatorDefinition Definition { get; init; }
    public required IEntityType Facts { get; init; }
    public required string DateColumn { get; init; }
    public required Measure Numerator { get; init; }
    public Measure? Denominator { get; init; }
    public Measure? Squares { get; init; }

    /// <summary>The sum of the record keys of the rows the numerator counts (for its cell key); absent when it counts no records (a mean's sum, distinct schools).</summary>
    public Measure? NumeratorKeys { get; init; }

    /// <summary>The sum of the record keys of the rows the denominator counts; absent when it has none or it is a census population.</summary>
    public Measure? DenominatorKeys { get; init; }

    /// <summary>Whether the numerator is a count of distinct people, whose cell key comes from the people's own record keys.</summary>
    public bool CountsDistinctPeople => DistinctColumn == $"f.\"{nameof(Warehouse.Model.IPersonRecord.PersonId)}\"";

    /// <summary>Whether the numerator is protected at the controlled level (a count of records or people, not a sum of magnitudes or organisations).</summary>
    public bool ProtectsNumerator => NumeratorKeys is not null || CountsDistinctPeople;

    /// <summary>The conditions of the indicator's own filter (each must hold), in SQL over <c>f</c>.</summary>
    public required IReadOnlyList<string> Conditions { get; init; }

    public string? Condition => Conditions.Count == 0 ? null : string.Join(" AND ", Conditions);
    public string? DistinctColumn { get; init; }
    public string? Population { get; init; }
    public required IReadOnlyList<BreakdownPlan> Breakdowns { get; init; }

    /// <summary>Deciles of deprivation, for the slope index of inequality; absent when the indicator has no deprivation breakdown.</summary>
    public BreakdownPlan? Deciles { get; init; }

    public bool HasAreas { get; init; }

    public bool IsDistinctCount => DistinctColumn is not null;

    /// <summary>The IMD deciles of an area, for the slope index of inequality.</summary>
    public static readonly Breakdown ImdDeciles = new("imd-decile", "IMD 2019 decile", "Area", "ImdDecile", "ImdDecile", "ImdDecile", null, null, null);

    /// <summary>The boroughs of the ICS, the areas values are given for besides the ICS itself.</summary>
    public static readonly Breakdown Boroughs = new("borough", "Borough", "Area", "Borough", "Borough", "ImdDecile", null, null, null);

    /// <summary>Plans an indicator against the warehouse: its translated measures and conditions, and its breakdowns with their groups.</summary>
    /// <param name="resolveKeys">Looks up the keys of a dimension condition (<see cref="FactConditions"/>).</param>
    /// <param name="map">Reads the groups of a breakdown of the facts (by its census groups when the flag says so).</param>
    /// <param name="only">The breakdowns planned after the overall figure; every one the definition lists when null.</param>
    public static async Task<IndicatorPlan> PlanAsync(IndicatorDefinition definition, IModel model, SqlDialect dialect,
        Func<string, CancellationToken, Task<IReadOnlyList<long>>> resolveKeys, Func<IEntityType, Breakdown, bool, Task<GroupMap>> map,
        CancellationToken cancellationToken, IReadOnlyList<string>? only = null)
    {
        var (facts, date) = FactsOf(definition, model);
        var (numerator, denominator, squares, conditions, distinct, population) =
            await TranslateAsync(definition, facts, dialect, resolveKeys, cancellationToken);
        var census = definition.Unit == IndicatorUnit.RatePer100000;
        var residents = model.GetEntityTypes().Single(e => e.GetTableName() == PopulationTable);
        var breakdowns = new List<BreakdownPlan> { new(null, GroupMap.Overall, null, null) };
        foreach (var id in only ?? definition.Breakdowns)
        {
            var breakdown = Breakdown.Find(id)!;
            var column = facts.FindNavigation(breakdown.Navigation)?.ForeignKey.Properties[0].GetColumnName()
                ?? throw new CatalogueException($"{definition.Facts} cannot be broken down by {id}: they record no {breakdown.Navigation}");
            var populationColumn = census
                ? residents.FindNavigation(breakdown.Navigation) is { } n && breakdown.PopulationKey is not null
                    ? n.ForeignKey.Properties[0].GetColumnName()
                    : throw new CatalogueException($"a rate cannot be broken down by {id}: the census population has no {breakdown.Navigation}")
                : null;
            breakdowns.Add(new BreakdownPlan(breakdown, await map(facts, breakdown, census), column, populationColumn));
        }

        var hasAreas = distinct is null && facts.FindNavigation("Area") is not null;
        var deciles = hasAreas && definition.Breakdowns.Contains("imd-quintile")
            ? new BreakdownPlan(ImdDeciles, await map(facts, ImdDeciles, false), "AreaKey", null)
            : null;
        var unit = definition.Unit;
        return new IndicatorPlan
        {
            Definition = definition, Facts = facts, DateColumn = date, Numerator = numerator, Denominator = denominator, Squares = squares,
            NumeratorKeys = distinct is null && unit != IndicatorUnit.Mean ? KeysOf(numerator, facts) : null,
            DenominatorKeys = unit is IndicatorUnit.Proportion or IndicatorUnit.Mean ? KeysOf(denominator, facts) : null,
            Conditions = conditions, DistinctColumn = distinct, Population = population, Breakdowns = breakdowns, Deciles = deciles, HasAreas = hasAreas,
        };
    }

    /// <summary>
    /// The same indicator over fewer rows: each condition also holds for every fact row it counts, and for a rate each
    /// population condition for every resident it counts.
    /// </summary>
    public IndicatorPlan Narrowed(IReadOnlyList<string> conditions, IReadOnlyList<string> populationConditions)
    {
        Measure? Narrow(Measure? measure) => measure is null ? null : measure with { Conditions = [.. measure.Conditions, .. conditions] };
        return new IndicatorPlan
        {
            Definition = Definition, Facts = Facts, DateColumn = DateColumn,
            Numerator = Narrow(Numerator)!, Denominator = Narrow(Denominator), Squares = Narrow(Squares),
            NumeratorKeys = Narrow(NumeratorKeys), DenominatorKeys = Narrow(DenominatorKeys),
            Conditions = [.. Conditions, .. conditions], DistinctColumn = DistinctColumn,
            Population = Population is null ? null : string.Join(" AND ", populationConditions.Prepend(Population)),
            Breakdowns = Breakdowns, Deciles = Deciles, HasAreas = HasAreas,
        };
    }

    /// <summary>The indicator's fact table and the column of its period date, checked against the warehouse.</summary>
    public static (IEntityType Facts, string DateColumn) FactsOf(IndicatorDefinition definition, IModel model)
    {
        var facts = model.GetEntityTypes().SingleOrDefault(e => e.GetTableName() == definition.Facts && WarehouseTables.Facts.Contains(e.ClrType))
            ?? throw new CatalogueException($"facts must name a fact set ({string.Join(", ", WarehouseTables.FactTableNames(model))}), not '{definition.Facts}'");
        var date = facts.FindNavigation(definition.PeriodDate) is { TargetEntityType.ClrType.Name: "CalendarDate" } navigation
            ? navigation.ForeignKey.Properties[0].GetColumnName()
            : throw new CatalogueException($"period-date must be a date of {definition.Facts}, not '{definition.PeriodDate}'");
        return (facts, date!);
    }

    /// <summary>Translates an indicator's filters and aggregates into SQL over its facts, checking them against the warehouse.</summary>
    /// <param name="resolveKeys">Looks up the keys of a dimension condition (<see cref="FactConditions"/>).</param>
    public static async Task<(Measure Numerator, Measure? Denominator, Measure? Squares, IReadOnlyList<string> Conditions, string? DistinctColumn, string? Population)> TranslateAsync(
        IndicatorDefinition definition, IEntityType facts, SqlDialect dialect, Func<string, CancellationToken, Task<IReadOnlyList<long>>>? resolveKeys,
        CancellationToken cancellationToken)
    {
        var filter = new FactConditions(definition.Facts, dialect, resolveKeys);
        async Task<IReadOnlyList<string>> Conditions(string? condition) =>
            condition is null ? [] : await TranslateAsync(filter, condition, cancellationToken);

        var conditions = await Conditions(definition.Filter);
        async Task<Measure> OfAsync(MeasureDefinition measure, bool squared = false)
        {
            var value = Aggregate(measure.Aggregate!, facts, out _);
            return new Measure(squared ? $"{value} * {value}" : value, [.. conditions, .. await Conditions(measure.Filter)]);
        }

        if (definition.Numerator.Aggregate is { } aggregate && Aggregate(aggregate, facts, out var distinct) is var column && distinct)
        {
            if (definition.Breakdowns.Count > 0 || definition.Periods.Any(p => p != PeriodType.FinancialYear))
            {
                throw new CatalogueException("a distinct count does not add up over groups or months: give it no breakdowns and financial years only");
            }

            return (new Measure(column, []), null, null, [.. conditions, .. await Conditions(definition.Numerator.Filter)], column, null);
        }

        string? population = null;
        if (definition.Denominator?.Population is { } populationFilter)
        {
            population = string.Join(" AND ", await TranslateAsync(new FactConditions(PopulationTable, dialect, resolveKeys), populationFilter, cancellationToken));
        }

        var denominator = definition.Denominator is { Aggregate: not null } d ? await OfAsync(d) : null;
        var squares = definition.Unit == IndicatorUnit.Mean ? await OfAsync(definition.Numerator, squared: true) : null;
        return (await OfAsync(definition.Numerator), denominator, squares, conditions, null, population);
    }

    /// <summary>A catalogue filter's conditions; what the translation refuses is a fault of the definition.</summary>
    private static async Task<IReadOnlyList<string>> TranslateAsync(FactConditions conditions, string filter, CancellationToken cancellationToken)
    {
        try
        {
            return await conditions.TranslateAsync(filter, cancellationToken);
        }
        catch (QueryException e)
        {
            throw new CatalogueException(e.Message);
        }
    }

    /// <summary>
    /// The sum of the record keys of the rows a count adds up (<c>$count</c>, or the sum of a 0/1 flag): the same
    /// conditions, each row's key in place of its 1. None for facts without record keys.
    /// </summary>
    public static Measure? KeysOf(Measure? count, IEntityType facts) =>
        count is null || !typeof(Warehouse.Model.IKeyedRecord).IsAssignableFrom(facts.ClrType) ? null
        : new Measure(count.Value == "1" ? RecordKey : $"{RecordKey} * {count.Value}", count.Conditions);

    private const string RecordKey = $"f.\"{nameof(Warehouse.Model.IKeyedRecord.RecordKey)}\"";

    /// <summary>The census population table (the feed's Population set).</summary>
    public const string PopulationTable = "Population";

    /// <summary>The value summed for an aggregate: 1 for <c>$count</c>, the column for <c>Prop with sum</c>.</summary>
    private static string Aggregate(string aggregate, IEntityType facts, out bool distinct)
    {
        distinct = false;
        if (aggregate == "$count")
        {
            return "1";
        }

        var parts = aggregate.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not [var name, "with", var method and ("sum" or "countdistinct")])
        {
            throw new CatalogueException($"aggregate '{aggregate}' must be $count, 'Property with sum' or 'Property with countdistinct'");
        }

        var property = facts.FindProperty(name) ?? throw new CatalogueException($"{facts.GetTableName()} has no property '{name}'");
        distinct = method == "countdistinct";
        return $"f.\"{property.GetColumnName()}\"";
    }
}

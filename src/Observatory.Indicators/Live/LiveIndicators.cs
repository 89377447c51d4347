using System.Data.Common;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;
using Observatory.Indicators.Disclosure;
using Observatory.Query;
using Observatory.Query.Sql;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Model.Facts;
using Observatory.Warehouse.Model.Indicators;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Live;

/// <summary>
/// Evaluates a catalogue indicator for a slice nobody precomputed: a period (or a run of days), an area, one breakdown
/// and a filter over its facts. It is the stored values' own computation narrowed to the slice: the same plan
/// (<see cref="IndicatorPlan"/>, with the slice's conditions added to every measure), one scan of the facts
/// (<see cref="FactPass"/>) added up by month, the same cells, statistics and rows (<see cref="Cell"/>,
/// <see cref="ValueRow"/>), and at the controlled level the same cell-key protection (<see cref="CellDisclosure"/>). A
/// slice the stored values hold therefore gets their values exactly. The groups listed are the stored values' own
/// (<see cref="ListedGroups"/>); the trend, which needs earlier periods, is not computed.
/// </summary>
public sealed class LiveIndicators(CellKeys keys)
{
    private readonly CellDisclosure _disclosure = new(keys);

    /// <summary>The rows of the slice: the overall figure, then the breakdown's groups (and at the controlled level their total).</summary>
    /// <exception cref="QueryException">A parameter the indicator cannot be evaluated with (400), or one the caller's level does not allow (403).</exception>
    public async Task<IReadOnlyList<IndicatorValue>> EvaluateAsync(
        WarehouseDatabase database, IndicatorDefinition definition, LiveSlice slice, LiveCaller caller, CancellationToken cancellationToken)
    {
        var breakdown = BreakdownOf(definition, slice.Breakdown);
        var model = WarehouseContextFactory.Model;
        await using var connection = await database.OpenForScanningAsync(cancellationToken);
        var calendar = await IndicatorComputation.CalendarAsync(database, connection, cancellationToken);
        var period = await LivePeriods.ReadAsync(slice.Period, definition, caller.Controlled, database, connection, calendar, cancellationToken);
        if (definition.Unit == IndicatorUnit.RatePer100000 && period.Type == PeriodType.DateRange)
        {
            throw QueryException.Invalid($"{definition.Id} is a rate per 100,000 residents, and census populations are given for whole periods, not runs of days: ask for a month, quarter or year.");
        }

        var resolveKeys = KeyResolver.For(database, connection);
        var areas = await GroupMap.ReadAsync(database, connection, model.FindEntityType(typeof(Referral))!, IndicatorPlan.Boroughs, census: false, cancellationToken);
        var plan = await IndicatorPlan.PlanAsync(definition, model, database.Dialect, resolveKeys,
            (facts, b, census) => GroupMap.ReadAsync(database, connection, facts, b, census, cancellationToken), cancellationToken,
            breakdown == Breakdown.Overall ? [] : [breakdown]);
        string[] names = [IndicatorComputation.IcsName, .. areas.Groups.Select(g => g.Name)];
        var area = AreaOf(plan, names, slice.Area);

        var (conditions, populationConditions) = await ConditionsAsync(plan, period, area == 0 ? null : names[area], slice.Filter, caller, database.Dialect, resolveKeys, cancellationToken);
        plan = plan.Narrowed(conditions, populationConditions);
        var series = await SumAsync(database, connection, plan, period, areas, calendar, cancellationToken);

        var listed = breakdown == Breakdown.Overall ? new HashSet<string>()
            : await ListedGroups.ReadAsync(database, connection, definition.Id, breakdown, names[area], cancellationToken);
        var cells = Cell.Of(plan, series, period, (a, b, g) => a == area && (b == 0 || listed.Contains(plan.Breakdowns[b].Groups.Groups[g].Code)));
        return Rows(plan, series, period, names[area], cells, caller.Controlled);
    }

    private static string BreakdownOf(IndicatorDefinition definition, string breakdown) =>
        breakdown == Breakdown.Overall || definition.Breakdowns.Contains(breakdown) ? breakdown
        : definition.Breakdowns.Count == 0
            ? throw QueryException.Invalid($"{definition.Id} is given overall only, not by '{breakdown}'{(definition.Numerator.Aggregate?.EndsWith("countdistinct", StringComparison.Ordinal) == true ? " (a count of distinct values does not add up over groups)" : "")}: leave out breakdown, or ask for 'overall'.")
            : throw QueryException.Invalid($"{definition.Id} has no breakdown '{breakdown}': ask for 'overall' or one of {string.Join(", ", definition.Breakdowns.Select(b => $"'{b}'"))}.");

    private static int AreaOf(IndicatorPlan plan, string[] names, string name)
    {
        var area = Array.IndexOf(names, name);
        if (area < 0)
        {
            throw QueryException.Invalid($"area must be {string.Join(", ", names[..^1].Select(n => $"'{n}'"))} or '{names[^1]}', not '{name}'.");
        }

        return area == 0 || plan.HasAreas ? area
            : throw QueryException.Invalid($"{plan.Definition.Id} is given for '{names[0]}' only: {(plan.IsDistinctCount ? "its distinct count is not split by area" : $"{plan.Definition.Facts} record no area")}.");
    }

    /// <summary>
    /// The slice's conditions on the facts (the period's days, the area, the filter, the caller's rows) and, for a rate,
    /// on the census population (the filter and the caller's rows, where they read what the census records).
    /// </summary>
    private static async Task<(List<string> Facts, List<string> Population)> ConditionsAsync(IndicatorPlan plan, Period period, string? borough, string? filter,
        LiveCaller caller, SqlDialect dialect, Func<string, CancellationToken, Task<IReadOnlyList<long>>> resolveKeys, CancellationToken cancellationToken)
    {
        var definition = plan.Definition;
        var facts = new FactConditions(definition.Facts, dialect, resolveKeys);
        List<string> conditions = [$"f.\"{plan.DateColumn}\" BETWEEN {period.StartKey} AND {period.EndKey}"];
        if (borough is not null)
        {
            conditions.AddRange(await facts.TranslateAsync($"Area/Borough eq '{borough.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken));
        }

        if (!string.IsNullOrWhiteSpace(filter))
        {
            var node = facts.Parse(filter);
            if (caller.Controlled)
            {
                ControlledCounts.CheckCondition(node);
            }

            conditions.AddRange(await facts.TranslateAsync(node, cancellationToken));
        }

        if (await caller.RowCondition(definition.Facts, cancellationToken) is { } rows)
        {
            conditions.AddRange(await facts.TranslateAsync(rows, cancellationToken));
        }

        List<string> population = [];
        if (plan.Population is not null)
        {
            var residents = new FactConditions(IndicatorPlan.PopulationTable, dialect, resolveKeys);
            if (!string.IsNullOrWhiteSpace(filter))
            {
                population.AddRange(await PopulationAsync(residents, definition, filter, cancellationToken));
            }

            if (await caller.RowCondition(IndicatorPlan.PopulationTable, cancellationToken) is { } counted)
            {
                population.AddRange(await residents.TranslateAsync(counted, cancellationToken));
            }
        }

        return (conditions, population);
    }

    /// <summary>A rate's filter narrows its census denominator alike, so it may read only what the census records.</summary>
    private static async Task<IReadOnlyList<string>> PopulationAsync(FactConditions residents, IndicatorDefinition definition, string filter, CancellationToken cancellationToken)
    {
        try
        {
            return await residents.TranslateAsync(filter, cancellationToken);
        }
        catch (QueryException e) when (e.Fault == QueryFault.Invalid)
        {
            throw QueryException.Invalid($"{definition.Id} is a rate per 100,000 residents, and its filter narrows the census population too, which records " +
                                         $"only area, ethnicity, age band and gender (Population): filter by those alone. ({e.Message})");
        }
    }

    /// <summary>The slice's sums by area, group and month: one scan of its facts, and for a rate its census population.</summary>
    private static async Task<MonthlySeries> SumAsync(WarehouseDatabase database, DbConnection connection, IndicatorPlan plan, Period period, GroupMap areas,
        MonthRange calendar, CancellationToken cancellationToken)
    {
        var series = new MonthlySeries(plan.HasAreas ? 1 + areas.Groups.Count : 1, plan.Breakdowns, calendar);
        if (plan.IsDistinctCount)
        {
            await DistinctCountFill.FillOneAsync(database, connection, plan, series, period.FirstMonth, cancellationToken);
        }
        else
        {
            await IndicatorCube.FillPassAsync(database, connection, FactPass.Form([(plan, series)]).Single(), areas, cancellationToken);
        }

        await PopulationFill.FillAsync(database, connection, plan, series, areas, cancellationToken);
        return series;
    }

    /// <summary>The published rows of the cells, exact or protected, with their comparisons and (on the overall row) slope index.</summary>
    private List<IndicatorValue> Rows(IndicatorPlan plan, MonthlySeries series, Period period, string area, List<Cell> cells, bool controlled)
    {
        if (controlled)
        {
            foreach (var cell in cells)
            {
                (cell.Published, cell.Suppression) = _disclosure.Protect(plan, cell.Sums, cell.Exact.Population);
            }

            cells = [.. cells, .. CellDisclosure.Totals(plan, cells)];
        }

        var lookup = cells.ToDictionary(c => (c.Area, c.Breakdown, c.Group));
        var statistics = new ValueStatistics(_disclosure);
        return cells.Select(cell => ValueRow.Of(plan, period, area, cell, controlled ? cell.Published : cell.Exact, controlled, lookup,
            (Statistics.TrendDirection.NotEnoughData, null),
            cell.Breakdown == 0 && (!controlled || cell.Suppression == Suppression.None) ? statistics.SlopeIndex(plan, series, period, cell.Area, controlled) : null)).ToList();
    }
}

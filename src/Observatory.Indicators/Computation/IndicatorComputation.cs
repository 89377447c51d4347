using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Indicators.Queries;
using Observatory.Query.Model;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Model.Indicators;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Computation;

/// <summary>
/// A computation: the catalogue rows, and the values, built lazily indicator by indicator (each sorted as the
/// values' index is) while they are stored, so that they are never all held at once.
/// </summary>
public sealed record IndicatorResult(IReadOnlyList<Indicator> Indicators, IEnumerable<IndicatorValue> Values, TimeSpan QueryTime);

/// <summary>
/// Computes every value of every indicator in the catalogue from a warehouse: plans the queries (checking each
/// definition against the warehouse), runs them (<see cref="IndicatorCube"/>), and builds the values with their
/// statistics and disclosure control (<see cref="ValueBuilder"/>).
/// </summary>
public sealed class IndicatorComputation(IndicatorCatalogue catalogue, DisclosureRules rules)
{
    /// <summary>The ICS as a whole, then its boroughs.</summary>
    public const string IcsName = "City and Hackney";

    public async Task<IndicatorResult> ComputeAsync(WarehouseContext warehouse, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        // The filters parse against the shared OData model of the warehouse, which is built once a process from an EF
        // Core model of its own: on PostgreSQL a second model, built here on another core while the context's is.
        var shared = Task.Run(() => WarehouseEdm.Instance, cancellationToken);
        var model = warehouse.Model;
        var database = WarehouseDatabase.For(warehouse);
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        var referrals = model.GetEntityTypes().Single(e => e.GetTableName() == "Referrals");
        var areas = await GroupMap.ReadAsync(database, connection, referrals, IndicatorPlan.Boroughs, census: false, cancellationToken);
        var maps = new Dictionary<(string, bool, string), GroupMap>();
        async Task<GroupMap> Map(IEntityType facts, Breakdown breakdown, bool census)
        {
            var key = (breakdown.Id, census, facts.FindNavigation(breakdown.Navigation)!.TargetEntityType.Name);
            return maps.TryGetValue(key, out var map) ? map
                : maps[key] = await GroupMap.ReadAsync(database, connection, facts, breakdown, census, cancellationToken);
        }

        // A dimension condition is resolved once, however many indicators share it.
        var resolveKeys = KeyResolver.For(database, connection);

        var calendar = await CalendarAsync(database, connection, cancellationToken);
        await shared;
        var planned = new List<(IndicatorPlan Plan, MonthlySeries Series)>();
        foreach (var definition in catalogue.Indicators)
        {
            try
            {
                var plan = await IndicatorPlan.PlanAsync(definition, model, database.Dialect, resolveKeys, Map, cancellationToken);
                planned.Add((plan, new MonthlySeries(plan.HasAreas ? 1 + areas.Groups.Count : 1, plan.Breakdowns, calendar)));
            }
            catch (CatalogueException e)
            {
                throw new CatalogueException($"{definition.Id}.yaml: {e.Message}");
            }
        }

        var (first, last) = await IndicatorCube.FillAsync(database, planned, areas, cancellationToken);
        foreach (var (plan, series) in planned)
        {
            await PopulationFill.FillAsync(database, connection, plan, series, areas, cancellationToken);
            if (plan.IsDistinctCount)
            {
                await DistinctCountFill.FillAsync(database, connection, plan, series, cancellationToken);
            }
        }

        var builder = new ValueBuilder(new CellKeys(rules), [IcsName, .. areas.Groups.Select(g => g.Name)]);
        // Two indicators are built at a time while the one before is written.
        IEnumerable<IndicatorValue> values = first > last ? [] : planned.OrderBy(p => p.Plan.Definition.Id, StringComparer.Ordinal)
            .AsParallel().AsOrdered().WithDegreeOfParallelism(2).WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(p => Sorted(builder.Build(p.Plan, p.Series, calendar.First + first, calendar.First + last)))
            .SelectMany(v => v);
        var indicators = catalogue.Indicators.Select((d, i) => IndicatorRow(d, i + 1)).ToList();
        return new IndicatorResult(indicators, values, clock.Elapsed);
    }

    /// <summary>One indicator's values in the order of the values' index, so that storing them appends to it.</summary>
    private static List<IndicatorValue> Sorted(IEnumerable<IndicatorValue> values) => values
        .OrderBy(v => v.Disclosure, StringComparer.Ordinal).ThenBy(v => v.PeriodType, StringComparer.Ordinal)
        .ThenBy(v => v.Breakdown, StringComparer.Ordinal).ThenBy(v => v.PeriodStartKey).ToList();

    /// <summary>The months of the warehouse's calendar (the Dates dimension).</summary>
    internal static async Task<MonthRange> CalendarAsync(WarehouseDatabase database, DbConnection connection, CancellationToken cancellationToken)
    {
        await using var rows = await database.ReadAsync(connection, new SqlStatement("SELECT MIN(\"DateKey\") / 100, MAX(\"DateKey\") / 100 FROM \"Dates\"", []), cancellationToken);
        return await rows.ReadAsync() && !rows.IsNull(0)
            ? new MonthRange(Period.FromYearMonth((int)rows.GetInt64(0)), Period.FromYearMonth((int)rows.GetInt64(1)))
            : new MonthRange(0, -1);
    }

    private static Indicator IndicatorRow(IndicatorDefinition d, int order) => new()
    {
        IndicatorId = d.Id,
        Version = d.Version,
        Title = d.Title,
        Theme = d.Theme,
        Question = d.Question,
        NumeratorDescription = d.Numerator.Description,
        NumeratorQuery = IndicatorQueries.Numerator(d),
        DenominatorDescription = d.Denominator?.Description,
        DenominatorQuery = d.Denominator is null ? null : IndicatorQueries.Denominator(d),
        Unit = IndicatorCatalogue.UnitName(d.Unit),
        UnitLabel = d.UnitLabel,
        Polarity = IndicatorCatalogue.PolarityName(d.Polarity),
        Target = d.Target?.Value,
        TargetDescription = d.Target?.Description,
        Breakdowns = string.Join(", ", d.Breakdowns),
        Periods = string.Join(", ", d.Periods.Select(IndicatorCatalogue.PeriodName)),
        Source = d.Source,
        Caveats = string.Join("\n", d.Caveats),
        SortOrder = order,
    };
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Indicators.Queries;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Model.Indicators;

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

    private static readonly Breakdown Deciles = new("imd-decile", "IMD 2019 decile", "Area", "ImdDecile", "ImdDecile", "ImdDecile", null, null, null);
    private static readonly Breakdown Boroughs = new("borough", "Borough", "Area", "Borough", "Borough", "ImdDecile", null, null, null);

    public async Task<IndicatorResult> ComputeAsync(WarehouseContext warehouse, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var model = warehouse.Model;
        var edm = WarehouseEdm.Build(model);
        var connection = warehouse.Database.GetDbConnection();
        await warehouse.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var referrals = model.GetEntityTypes().Single(e => e.GetTableName() == "Referrals");
            var areas = await GroupMap.ReadAsync(connection, model, referrals, Boroughs, census: false, cancellationToken);
            var maps = new Dictionary<(string, bool, string), GroupMap>();
            async Task<GroupMap> Map(IEntityType facts, Breakdown breakdown, bool census)
            {
                var key = (breakdown.Id, census, facts.FindNavigation(breakdown.Navigation)!.TargetEntityType.Name);
                return maps.TryGetValue(key, out var map) ? map
                    : maps[key] = await GroupMap.ReadAsync(connection, model, facts, breakdown, census, cancellationToken);
            }

            // A dimension condition is resolved once, however many indicators share it.
            var resolveKeys = KeyResolver.For(connection);

            var calendar = await CalendarAsync(connection, cancellationToken);
            var filters = new Dictionary<IEntityType, SqlFilter>();
            var planned = new List<(IndicatorPlan Plan, MonthlySeries Series)>();
            foreach (var definition in catalogue.Indicators)
            {
                try
                {
                    var plan = await PlanAsync(definition, model, edm, resolveKeys, Map);
                    planned.Add((plan, new MonthlySeries(plan.HasAreas ? 1 + areas.Groups.Count : 1, plan.Breakdowns, calendar)));
                }
                catch (CatalogueException e)
                {
                    throw new CatalogueException($"{definition.Id}.yaml: {e.Message}");
                }
            }

            // The configured connection string (an opened connection may no longer show its password).
            var connectionString = warehouse.Database.GetConnectionString();
            async Task<System.Data.Common.DbConnection> Connect(CancellationToken token)
            {
                var another = System.Data.Common.DbProviderFactories.GetFactory(connection)!.CreateConnection()!;
                another.ConnectionString = connectionString;
                await another.OpenAsync(token);
                return another;
            }

            var (first, last) = await IndicatorCube.FillAsync(Connect, planned, areas, cancellationToken);
            foreach (var (plan, series) in planned)
            {
                await IndicatorCube.FillPopulationAsync(connection, plan, series, areas, cancellationToken);
                if (plan.IsDistinctCount)
                {
                    await IndicatorCube.FillDistinctAsync(connection, plan, series, cancellationToken);
                }
            }

            var builder = new ValueBuilder(rules, [IcsName, .. areas.Groups.Select(g => g.Name)]);
            // Two indicators are built at a time while the one before is written.
            IEnumerable<IndicatorValue> values = first > last ? [] : planned.OrderBy(p => p.Plan.Definition.Id, StringComparer.Ordinal)
                .AsParallel().AsOrdered().WithDegreeOfParallelism(2).WithMergeOptions(ParallelMergeOptions.NotBuffered)
                .Select(p => Sorted(builder.Build(p.Plan, p.Series, calendar.First + first, calendar.First + last)))
                .SelectMany(v => v);
            var indicators = catalogue.Indicators.Select((d, i) => IndicatorRow(d, i + 1)).ToList();
            return new IndicatorResult(indicators, values, clock.Elapsed);
        }
        finally
        {
            await warehouse.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One indicator's values in the order of the values' index, so that storing them appends to it.</summary>
    private static List<IndicatorValue> Sorted(IEnumerable<IndicatorValue> values) => values
        .OrderBy(v => v.Disclosure, StringComparer.Ordinal).ThenBy(v => v.PeriodType, StringComparer.Ordinal)
        .ThenBy(v => v.Breakdown, StringComparer.Ordinal).ThenBy(v => v.PeriodStartKey).ToList();

    private static async Task<MonthRange> CalendarAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(\"DateKey\") / 100, MAX(\"DateKey\") / 100 FROM \"Dates\"";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0)
            ? new MonthRange(Period.FromYearMonth((int)reader.GetInt64(0)), Period.FromYearMonth((int)reader.GetInt64(1)))
            : new MonthRange(0, -1);
    }

    private static async Task<IndicatorPlan> PlanAsync(IndicatorDefinition definition, IModel model, Microsoft.OData.Edm.IEdmModel edm,
        Func<string, IReadOnlyList<long>> resolveKeys, Func<IEntityType, Breakdown, bool, Task<GroupMap>> map)
    {
        var (facts, date) = IndicatorPlan.FactsOf(definition, model);
        var filter = SqlFilter.For(model, definition.Facts, resolveKeys);

        var (numerator, denominator, squares, conditions, distinct, population) = IndicatorPlan.Translate(definition, model, edm, filter, facts, resolveKeys);
        var census = definition.Unit == IndicatorUnit.RatePer100000;
        var residents = model.GetEntityTypes().Single(e => e.GetTableName() == IndicatorPlan.PopulationTable);
        var breakdowns = new List<BreakdownPlan> { new(null, GroupMap.Overall, null, null) };
        foreach (var id in definition.Breakdowns)
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
            ? new BreakdownPlan(Deciles, await map(facts, Deciles, false), "AreaKey", null)
            : null;
        return new IndicatorPlan
        {
            Definition = definition, Facts = facts, DateColumn = date, Numerator = numerator, Denominator = denominator, Squares = squares,
            Conditions = conditions, DistinctColumn = distinct, Population = population, Breakdowns = breakdowns, Deciles = deciles, HasAreas = hasAreas,
        };
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

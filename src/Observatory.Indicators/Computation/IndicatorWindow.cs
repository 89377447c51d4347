using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Queries;
using Observatory.Indicators.Statistics;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Computation;

/// <summary>
/// An indicator over a window of its own (e.g. a report's "February 2020 to February 2022"), for the ICS as a
/// whole, with exact counts: never disclosure-controlled, so only for callers who may see unrestricted values.
/// </summary>
/// <param name="Url">The feed URL (relative to its root) that gives the same numerator, and the denominator with it where they share their rows.</param>
/// <param name="DenominatorUrl">The feed URL that gives the same denominator, where the indicator has one.</param>
public sealed record WindowValue(
    IndicatorDefinition Indicator, DateOnly From, DateOnly To, double Numerator, double? Denominator, double? Value, Interval? Ci95,
    string Url, string? DenominatorUrl);

/// <summary>
/// Computes an indicator over any run of days by one query over its facts: the same definition, translation and
/// statistics as its published values (<see cref="IndicatorComputation"/>), for the days the caller names.
/// </summary>
public static class IndicatorWindow
{
    /// <summary>
    /// Computes each window by one query, all on one connection with one translation model and one cache of
    /// resolved dimension keys (a report asks for several at once).
    /// </summary>
    public static async Task<IReadOnlyList<WindowValue>> ComputeAsync(
        WarehouseContext warehouse, IReadOnlyList<(IndicatorDefinition Indicator, DateOnly From, DateOnly To)> windows, CancellationToken cancellationToken = default)
    {
        foreach (var (definition, from, to) in windows)
        {
            if (to < from)
            {
                throw new CatalogueException($"{definition.Id}: a window must end on or after its first day ({from:yyyy-MM-dd} to {to:yyyy-MM-dd})");
            }

            if (definition.Unit == IndicatorUnit.RatePer100000)
            {
                throw new CatalogueException($"{definition.Id}: a rate needs census populations by period, which a window of its own has not");
            }
        }

        var model = warehouse.Model;
        var database = WarehouseDatabase.For(warehouse);
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        var resolveKeys = KeyResolver.For(database, connection);
        var values = new List<WindowValue>();
        foreach (var (definition, from, to) in windows)
        {
            values.Add(await ComputeAsync(database, connection, model, resolveKeys, definition, from, to, cancellationToken));
        }

        return values;
    }

    private static async Task<WindowValue> ComputeAsync(WarehouseDatabase database, DbConnection connection, IModel model,
        Func<string, CancellationToken, Task<IReadOnlyList<long>>> resolveKeys, IndicatorDefinition definition, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var (facts, dateColumn) = IndicatorPlan.FactsOf(definition, model);
        var (numerator, denominator, squares, conditions, distinct, _) =
            await IndicatorPlan.TranslateAsync(definition, facts, database.Dialect, resolveKeys, cancellationToken);
        var (fromKey, toKey) = (Key(from), Key(to));
        var guaranteed = conditions.ToHashSet();
        // Always three columns: the numerator, the denominator and the sum of squares (0 where the indicator has none).
        var select = distinct is not null
            ? [$"COUNT(DISTINCT {distinct})", "0", "0"]
            : new[] { numerator, denominator, squares }.Select(m => m is null ? "0" : $"COALESCE({m.Sql(guaranteed)}, 0)").ToArray();
        var where = conditions.Prepend($"f.\"{dateColumn}\" BETWEEN {fromKey} AND {toKey}");
        var sql = $"SELECT {string.Join(", ", select.Select(s => $"CAST({s} AS DOUBLE PRECISION)"))} " +
                  $"FROM \"{facts.GetTableName()}\" AS f WHERE {string.Join(" AND ", where)}";
        await using var rows = await database.ReadAsync(connection, new SqlStatement(sql, []), cancellationToken);
        await rows.ReadAsync();
        double At(int i) => rows.IsNull(i) ? 0 : rows.GetDouble(i);
        var (n, d, s) = (At(0), At(1), At(2));

        var cell = CellValue.Of(definition.Unit, n, d, s, population: 0);
        var period = IndicatorQueries.Period(definition, fromKey, toKey);
        return new WindowValue(definition, from, to, n, definition.Denominator is null ? null : d, cell.Value, cell.Ci95,
            IndicatorQueries.Measures(definition, period), definition.Denominator is null ? null : IndicatorQueries.Denominator(definition, period));
    }

    private static int Key(DateOnly date) => int.Parse(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

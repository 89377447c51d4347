using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Queries;
using Observatory.Indicators.Statistics;
using Observatory.Warehouse.Infrastructure;

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
    public static async Task<WindowValue> ComputeAsync(
        WarehouseContext warehouse, IndicatorDefinition definition, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        if (to < from)
        {
            throw new CatalogueException($"{definition.Id}: a window must end on or after its first day ({from:yyyy-MM-dd} to {to:yyyy-MM-dd})");
        }

        if (definition.Unit == IndicatorUnit.RatePer100000)
        {
            throw new CatalogueException($"{definition.Id}: a rate needs census populations by period, which a window of its own has not");
        }

        var model = warehouse.Model;
        var (facts, dateColumn) = IndicatorPlan.FactsOf(definition, model);
        var connection = warehouse.Database.GetDbConnection();
        await warehouse.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var filter = SqlFilter.For(model, definition.Facts, KeyResolver.For(connection));
            var (numerator, denominator, squares, conditions, distinct, _) =
                IndicatorPlan.Translate(definition, model, WarehouseEdm.Build(model), filter, facts);
            var (fromKey, toKey) = (Key(from), Key(to));
            var guaranteed = conditions.ToHashSet();
            var select = distinct is not null
                ? [$"COUNT(DISTINCT {distinct})"]
                : new[] { numerator, denominator, squares }.Select(m => m is null ? "0" : $"COALESCE({m.Sql(guaranteed)}, 0)").ToArray();
            var where = conditions.Prepend($"f.\"{dateColumn}\" BETWEEN {fromKey} AND {toKey}");

            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", select.Select(s => $"CAST({s} AS DOUBLE PRECISION)"))} " +
                                  $"FROM \"{facts.GetTableName()}\" AS f WHERE {string.Join(" AND ", where)}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            double At(int i) => i < reader.FieldCount && !reader.IsDBNull(i) ? reader.GetDouble(i) : 0;
            var (n, d, s) = (At(0), At(1), At(2));

            var cell = CellValue.Of(definition.Unit, n, d, s, population: 0);
            var period = IndicatorQueries.Period(definition, fromKey, toKey);
            return new WindowValue(definition, from, to, n, definition.Denominator is null ? null : d, cell.Value, cell.Ci95,
                IndicatorQueries.Measures(definition, period), definition.Denominator is null ? null : IndicatorQueries.Denominator(definition, period));
        }
        finally
        {
            await warehouse.Database.CloseConnectionAsync();
        }
    }

    private static int Key(DateOnly date) => int.Parse(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.OData.Edm;
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
        var edm = WarehouseEdm.Build(model);
        var connection = warehouse.Database.GetDbConnection();
        await warehouse.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var resolveKeys = KeyResolver.For(connection);
            var values = new List<WindowValue>();
            foreach (var (definition, from, to) in windows)
            {
                values.Add(await ComputeAsync(connection, model, edm, resolveKeys, definition, from, to, cancellationToken));
            }

            return values;
        }
        finally
        {
            await warehouse.Database.CloseConnectionAsync();
        }
    }

    private static async Task<WindowValue> ComputeAsync(DbConnection connection, IModel model, IEdmModel edm, Func<string, IReadOnlyList<long>> resolveKeys,
        IndicatorDefinition definition, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (facts, dateColumn) = IndicatorPlan.FactsOf(definition, model);
        var filter = SqlFilter.For(model, definition.Facts, resolveKeys);
        var (numerator, denominator, squares, conditions, distinct, _) = IndicatorPlan.Translate(definition, model, edm, filter, facts);
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

    private static int Key(DateOnly date) => int.Parse(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

using System.Data.Common;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Computation;

/// <summary>
/// The set-based part: one scan per fact table and period date for every indicator over those facts at once
/// (<see cref="FactPass"/>). The database filters the rows and evaluates every condition. Where it groups cheaply
/// (PostgreSQL) it also groups them (SUM(CASE …) by month and keys), and a few thousand to a few hundred thousand
/// grouped rows come back; otherwise (SQLite) the matching rows stream out. Either way they are added up into the
/// breakdowns, areas and months in memory (<see cref="PassSums"/>), and periods are built from months.
/// </summary>
internal static class IndicatorCube
{
    /// <summary>Runs the passes two at a time on connections of their own, so that one pass's query runs in the
    /// database while another's rows are added up.</summary>
    /// <returns>The first and last month (indices into the calendar) that had a fact row.</returns>
    public static async Task<(int FirstMonth, int LastMonth)> FillAsync(
        WarehouseDatabase database, IReadOnlyList<(IndicatorPlan Plan, MonthlySeries Series)> indicators, GroupMap areas, CancellationToken cancellationToken)
    {
        // Largest first, so the two workers finish together.
        var passes = new Queue<FactPass>(FactPass.Form(indicators.Where(i => !i.Plan.IsDistinctCount)).OrderByDescending(p => p.Indicators.Count));
        var ranges = new List<(int First, int Last)>();
        async Task Work()
        {
            await using var connection = await database.OpenForReadingAsync(cancellationToken);
            while (true)
            {
                FactPass? pass;
                lock (passes)
                {
                    if (!passes.TryDequeue(out pass))
                    {
                        return;
                    }
                }

                var range = await FillPassAsync(database, connection, pass, areas, cancellationToken);
                lock (ranges)
                {
                    ranges.Add(range);
                }
            }
        }

        await Task.WhenAll(Task.Run(Work, cancellationToken), Task.Run(Work, cancellationToken));
        return ranges.Count == 0 ? (int.MaxValue, int.MinValue) : (ranges.Min(r => r.First), ranges.Max(r => r.Last));
    }

    /// <summary>Runs one pass and adds its rows up into its indicators' series.</summary>
    internal static async Task<(int First, int Last)> FillPassAsync(
        WarehouseDatabase database, DbConnection connection, FactPass pass, GroupMap areas, CancellationToken cancellationToken)
    {
        var sums = new PassSums(pass, areas);
        var (keys, values) = (sums.Keys, sums.Values);
        await using (var rows = await database.ReadAsync(connection, new SqlStatement(pass.Sql(database.GroupsCheaply), []), cancellationToken))
        {
            // Each row: its month, its keys and its measures, by column number.
            while (await rows.ReadAsync())
            {
                for (var k = 0; k < keys.Length; k++)
                {
                    keys[k] = rows.GetInt64(k + 1);
                }

                for (var m = 0; m < values.Length; m++)
                {
                    values[m] = rows.GetDouble(1 + keys.Length + m);
                }

                sums.Add((int)rows.GetInt64(0));
            }
        }

        sums.HandOut();
        return sums.Months;
    }
}

using Microsoft.EntityFrameworkCore;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Indicators.Computation;

/// <summary>
/// The set-based part: one query per fact table and period date for every indicator over those facts at once,
/// with a value per numerator, denominator and sum of squares (a CASE over each fact row), the month and the
/// dimension keys the breakdowns need; one query per rate for its census population; one per distinct count.
/// The database filters the rows and evaluates every condition. On PostgreSQL it also groups them (SUM(CASE …)
/// by month and keys), and a few thousand to a few hundred thousand grouped rows come back. On SQLite, whose
/// grouping sorts into a temporary B-tree, the matching rows stream out through the native library. Either
/// way they are added up into the breakdowns, areas and months in memory, and periods are built from months.
/// </summary>
internal static class IndicatorCube
{
    /// <param name="connect">Opens a further connection to the warehouse: passes run two at a time, so that one
    /// pass's query runs in the database while another's rows are added up.</param>
    public static async Task<(int FirstMonth, int LastMonth)> FillAsync(
        Func<CancellationToken, Task<DbConnection>> connect, IReadOnlyList<(IndicatorPlan Plan, MonthlySeries Series)> indicators, GroupMap areas,
        CancellationToken cancellationToken)
    {
        // Largest first, so the two workers finish together.
        var passes = new Queue<List<(IndicatorPlan Plan, MonthlySeries Series)>>(
            Passes(indicators.Where(i => !i.Plan.IsDistinctCount)).OrderByDescending(p => p.Count));
        var ranges = new List<(int First, int Last)>();
        async Task Work()
        {
            await using var connection = await connect(cancellationToken);
            while (true)
            {
                List<(IndicatorPlan Plan, MonthlySeries Series)> pass;
                lock (passes)
                {
                    if (!passes.TryDequeue(out pass!))
                    {
                        return;
                    }
                }

                var range = await FillPassAsync(connection, pass[0].Plan.Facts, pass[0].Plan.DateColumn, pass, areas, cancellationToken);
                lock (ranges)
                {
                    ranges.Add(range);
                }
            }
        }

        await Task.WhenAll(Task.Run(Work, cancellationToken), Task.Run(Work, cancellationToken));
        return ranges.Count == 0 ? (int.MaxValue, int.MinValue) : (ranges.Min(r => r.First), ranges.Max(r => r.Last));
    }

    /// <summary>
    /// One pass per fact table and period date for the indicators whose keys fit within the widest set: those
    /// broken down alike share a scan, and those needing other keys (data completeness by service) get their own
    /// rather than widening every group.
    /// </summary>
    private static IEnumerable<List<(IndicatorPlan Plan, MonthlySeries Series)>> Passes(IEnumerable<(IndicatorPlan Plan, MonthlySeries Series)> indicators)
    {
        // Indicators whose first condition an index of the facts can answer with the period date (the service)
        // share a scan whose WHERE holds their common conditions, so the database reads only their rows; the rest
        // of a fact table and date share one full scan.
        foreach (var sameDate in indicators.GroupBy(i => (i.Plan.Facts, i.Plan.DateColumn, IndexedCondition(i.Plan))))
        {
            var passes = new List<(HashSet<string> Keys, List<(IndicatorPlan, MonthlySeries)> Members)>();
            foreach (var indicator in sameDate.OrderByDescending(i => KeyColumns(i.Plan).Count()))
            {
                var keys = KeyColumns(indicator.Plan).ToHashSet();
                var pass = passes.FirstOrDefault(p => p.Keys.IsSupersetOf(keys));
                if (pass.Members is null)
                {
                    passes.Add((keys, [indicator]));
                }
                else
                {
                    pass.Members.Add(indicator);
                }
            }

            foreach (var (_, members) in passes)
            {
                yield return members;
            }
        }
    }

    private static string? IndexedCondition(IndicatorPlan plan) =>
        plan.Conditions.Count > 0 && plan.Facts.GetIndexes().Any(index =>
            index.Properties.Count > 1 && index.Properties.Any(p => p.GetColumnName() == plan.DateColumn)
            && plan.Conditions[0].StartsWith($"f.\"{index.Properties[0].GetColumnName()}\" ", StringComparison.Ordinal))
            ? plan.Conditions[0]
            : null;

    private static IEnumerable<string> KeyColumns(IndicatorPlan plan) => plan.Breakdowns.Append(plan.Deciles)
        .Select(b => b?.FactColumn).Append(plan.HasAreas ? "AreaKey" : null).OfType<string>().Distinct().Order(StringComparer.Ordinal);

    private static async Task<(int First, int Last)> FillPassAsync(DbConnection connection, IEntityType facts, string dateColumn,
        IReadOnlyList<(IndicatorPlan Plan, MonthlySeries Series)> indicators, GroupMap areas, CancellationToken cancellationToken)
    {
        // Passes are formed widest first, so the first indicator's keys cover every other's.
        var keyColumns = KeyColumns(indicators[0].Plan).ToList();

        var guaranteed = indicators.Select(i => (IEnumerable<string>)i.Plan.Conditions).Aggregate((a, b) => a.Intersect(b)).ToHashSet();
        string? Sql(Measure? measure) => measure?.Sql(guaranteed);
        // Each distinct aggregate once (a recovery denominator is also a reliable recovery denominator), as a double.
        var distinct = indicators.SelectMany(i => new[] { i.Plan.Numerator, i.Plan.Denominator, i.Plan.Squares }).OfType<Measure>()
            .DistinctBy(m => m.Sql(guaranteed)).ToList();
        var measures = distinct.Select(m => m.Sql(guaranteed)).ToList();
        var measureAt = measures.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => 1 + keyColumns.Count + p.i);
        var select = new List<string> { $"f.\"{dateColumn}\" / 100" };
        select.AddRange(keyColumns.Select(c => $"f.\"{c}\""));
        // SQLite groups by sorting into a temporary B-tree, which costs more than the grouping saves when nearly every
        // row is its own group: there the rows stream out as they are and are added up here. PostgreSQL hashes its
        // groups cheaply, and sending fewer rows is what counts.
        var grouped = connection is not SqliteConnection;
        select.AddRange(grouped
            ? measures.Select(m => $"CAST(COALESCE({m}, 0) AS DOUBLE PRECISION)")
            : distinct.Select(m => m.RowSql(guaranteed)));

        var where = string.Join(" AND ", guaranteed.Prepend($"f.\"{dateColumn}\" IS NOT NULL"));

        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = $"SELECT {string.Join(", ", select)} FROM \"{facts.GetTableName()}\" AS f WHERE {where}" +
                              (grouped ? $" GROUP BY {string.Join(", ", Enumerable.Range(1, keyColumns.Count + 1))}" : "");
        var (first, last) = (int.MaxValue, int.MinValue);
        var keys = new long[keyColumns.Count];
        var values = new double[measures.Count];
        var columnOf = keyColumns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var areaColumn = columnOf.GetValueOrDefault("AreaKey", -1);
        var calendar = indicators[0].Series.Calendar;
        // Rows are first added up once per way of grouping them (a breakdown's groups, or the deciles), all measures
        // together, then handed to each indicator that groups them that way.
        var feeds = new List<(GroupMap Groups, int Key)>();
        int FeedOf(BreakdownPlan? breakdown)
        {
            var feed = (breakdown!.Groups, breakdown.FactColumn is null ? -1 : columnOf[breakdown.FactColumn]);
            var at = feeds.IndexOf(feed);
            if (at < 0)
            {
                feeds.Add(feed);
                at = feeds.Count - 1;
            }

            return at;
        }

        var plans = indicators.Select(i => (
            i.Plan, i.Series,
            Numerator: measureAt[Sql(i.Plan.Numerator)!] - 1 - keyColumns.Count,
            Denominator: i.Plan.Denominator is null ? -1 : measureAt[Sql(i.Plan.Denominator)!] - 1 - keyColumns.Count,
            Squares: i.Plan.Squares is null ? -1 : measureAt[Sql(i.Plan.Squares)!] - 1 - keyColumns.Count,
            Feeds: i.Plan.Breakdowns.Select(FeedOf).ToArray(),
            Decile: i.Plan.Deciles is null ? -1 : FeedOf(i.Plan.Deciles))).ToArray();
        var areaCount = areaColumn < 0 ? 1 : 1 + areas.Groups.Count;
        var sums = feeds.Select(f => Enumerable.Range(0, areaCount).Select(_ => new double[]?[f.Groups.Groups.Count]).ToArray()).ToArray();
        var width = measures.Count;
        var groupOf = new int[feeds.Count];
        void AddRow(int yearMonth)
        {
            var month = calendar.Index(Period.FromYearMonth(yearMonth));
            (first, last) = (Math.Min(first, month), Math.Max(last, month));
            var borough = areaColumn < 0 ? -1 : areas[keys[areaColumn]];
            for (var f = 0; f < feeds.Count; f++)
            {
                var group = feeds[f].Key < 0 ? 0 : feeds[f].Groups[keys[feeds[f].Key]];
                if (group < 0)
                {
                    continue;
                }

                Accumulate(sums[f][0], group, month, values, width, calendar.Count);
                if (borough >= 0)
                {
                    Accumulate(sums[f][1 + borough], group, month, values, width, calendar.Count);
                }
            }
        }

        // Each row: its month, its keys and its measures, read by column number.
        void Read(Func<int, long> int64, Func<int, double> number)
        {
            for (var k = 0; k < keys.Length; k++)
            {
                keys[k] = int64(k + 1);
            }

            for (var m = 0; m < values.Length; m++)
            {
                values[m] = number(1 + keys.Length + m);
            }

            AddRow((int)int64(0));
        }

        if (connection is SqliteConnection sqlite)
        {
            // Every fact row streams out: read through the native library, the managed reader costs more than SQLite.
            using var statement = SqliteStatement.Prepare(sqlite, command);
            await using var interrupt = cancellationToken.Register(statement.Interrupt);
            var (int64, number) = ((Func<int, long>)statement.GetInt64, (Func<int, double>)statement.GetDouble);
            while (statement.Step())
            {
                Read(int64, number);
            }
        }
        else
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var (int64, number) = ((Func<int, long>)reader.GetInt64, (Func<int, double>)reader.GetDouble);
            while (await reader.ReadAsync(cancellationToken))
            {
                Read(int64, number);
            }
        }

        foreach (var (plan, series, numerator, denominator, squares, breakdownFeeds, decileFeed) in plans)
        {
            for (var area = 0; area < (plan.HasAreas ? areaCount : 1); area++)
            {
                for (var b = 0; b < breakdownFeeds.Length; b++)
                {
                    Hand(sums[breakdownFeeds[b]][area], (group, month, n, d, s) => series.Add(area, b, group, month, n, d, s));
                }

                if (decileFeed >= 0)
                {
                    Hand(sums[decileFeed][area], (decile, month, n, d, s) => series.AddDecile(area, decile, month, n, d, s));
                }
            }

            void Hand(double[]?[] groups, Action<int, int, double, double, double> add)
            {
                for (var group = 0; group < groups.Length; group++)
                {
                    if (groups[group] is not { } monthly)
                    {
                        continue;
                    }

                    for (var month = 0; month < calendar.Count; month++)
                    {
                        var at = month * width;
                        var (n, d, s) = (monthly[at + numerator], denominator < 0 ? 0 : monthly[at + denominator], squares < 0 ? 0 : monthly[at + squares]);
                        if (n != 0 || d != 0)
                        {
                            add(group, month, n, d, s);
                        }
                    }
                }
            }
        }

        return (first, last);
    }

    private static void Accumulate(double[]?[] groups, int group, int month, double[] values, int width, int months)
    {
        var sums = groups[group] ??= new double[months * width];
        var at = month * width;
        for (var m = 0; m < width; m++)
        {
            sums[at + m] += values[m];
        }
    }

    /// <summary>Census residents for each rate: by area and by the groups of each breakdown.</summary>
    public static async Task FillPopulationAsync(DbConnection connection, IndicatorPlan plan, MonthlySeries series, GroupMap areas, CancellationToken cancellationToken)
    {
        if (plan.Population is not { } population)
        {
            return;
        }

        var columns = plan.Breakdowns.Select(b => b.PopulationColumn).OfType<string>().Append("AreaKey").Distinct().ToList();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"f.\"{c}\""))}, SUM(CASE WHEN {population} THEN f.\"Residents\" ELSE 0 END) " +
                              $"FROM \"{IndicatorPlan.PopulationTable}\" AS f GROUP BY {string.Join(", ", Enumerable.Range(1, columns.Count))}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new long[columns.Count];
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var k = 0; k < keys.Length; k++)
            {
                keys[k] = Convert.ToInt64(reader.GetValue(k), CultureInfo.InvariantCulture);
            }

            var residents = Number(reader, columns.Count);
            var borough = areas[keys[columns.IndexOf("AreaKey")]];
            for (var b = 0; b < plan.Breakdowns.Count; b++)
            {
                var breakdown = plan.Breakdowns[b];
                var group = breakdown.PopulationColumn is null ? 0 : breakdown.Groups[keys[columns.IndexOf(breakdown.PopulationColumn)]];
                if (group < 0)
                {
                    continue;
                }

                series.AddPopulation(0, b, group, residents);
                if (borough >= 0)
                {
                    series.AddPopulation(1 + borough, b, group, residents);
                }
            }
        }
    }

    /// <summary>A distinct count per financial year, kept in the year's first month (distinct counts are for financial years only).</summary>
    public static async Task FillDistinctAsync(DbConnection connection, IndicatorPlan plan, MonthlySeries series, CancellationToken cancellationToken)
    {
        var date = $"f.\"{plan.DateColumn}\"";
        // Financial years start in April: a date before April belongs to the year that began the previous April.
        var yearStart = $"CASE WHEN {date} / 100 % 100 >= 4 THEN {date} / 10000 ELSE {date} / 10000 - 1 END";
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {yearStart}, COUNT(DISTINCT {plan.DistinctColumn}) FROM \"{plan.Facts.GetTableName()}\" AS f " +
                              $"WHERE {date} IS NOT NULL{(plan.Condition is null ? "" : $" AND {plan.Condition}")} GROUP BY 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A year starting before the calendar cannot be a whole period; its count is kept at the calendar's start.
            var april = series.Calendar.Index(Math.Max(series.Calendar.First, Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture) * 12 + 3));
            series.Add(0, 0, 0, april, Number(reader, 1), 0, 0);
        }
    }

    private static double Number(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

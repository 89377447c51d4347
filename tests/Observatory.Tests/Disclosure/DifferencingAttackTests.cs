using System.Globalization;
using Observatory.Indicators.Disclosure;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Disclosure;

/// <summary>
/// The attacks a researcher can mount with released counts, on the demo warehouse where the true counts are known:
/// each tries to recover the exact size of a small group (1 to 7 referrals of one ethnic category, age band and
/// borough in one quarter). A count is released as the feed releases it (<see cref="CellKeys.Release"/> of the
/// rows' count and record-key sum: ControlledCountsTests holds the feed to that), so any set of rows can be asked
/// about by adding up the counts and key sums of the cells it is made of. The undefended baseline releases exact
/// counts, and every attack recovers every count from it.
/// </summary>
public class DifferencingAttackTests(DemoWarehouses demo)
{
    private static readonly CellKeys Keys = new(DisclosureRules.Default);

    /// <summary>Referrals by quarter, borough, age band and ethnic category: count and record-key sum.</summary>
    private sealed record Cell(string Year, int Quarter, string Borough, string AgeBand, string Category, long Count, long Keys);

    [Fact]
    public async Task NoAttackRecoversSmallCountsAsTheUndefendedBaselineDoes()
    {
        var cells = await CellsAsync();
        var targets = cells.Where(c => c.Count is >= 1 and <= 7).ToList();
        // What the feed lets a researcher ask (a filter picks categories), then what it refuses (unions), shown to say why.
        // An intruder who asks nothing and guesses the commonest small count is right this often.
        var commonest = targets.GroupBy(t => t.Count).MaxBy(g => g.Count())!.Key;
        var allowed = new (string Name, Func<Cell, List<Cell>, bool, long?> Estimate)[]
        {
            ($"no query: guess the commonest small count ({commonest})", (t, all, defended) => commonest),
            ("asked again, or another way (the same rows)", (t, all, defended) => Released([t], defended)),
            ("the total minus the other categories", (t, all, defended) => TotalMinusSiblings(t, all, defended, Category)),
            ("the year minus the other quarters", (t, all, defended) => TotalMinusSiblings(t, all, defended, Quarter)),
            ("every total less its other parts (category, age band, borough, quarter), averaged", Decompositions),
        };
        var refused = new (string Name, Func<Cell, List<Cell>, bool, long?> Estimate)[]
        {
            ("refused: two overlapping queries differenced (a union)", (t, all, defended) => Difference(t, Siblings(t, all, Category), defended)),
            ("refused: 10 different differences averaged", (t, all, defended) => Averaged(t, all, defended, 10)),
            ("refused: every difference the other categories allow, averaged", (t, all, defended) => Averaged(t, all, defended, int.MaxValue)),
        };

        TestContext.Current.TestOutputHelper?.WriteLine($"{targets.Count} small groups (true counts 1 to 7). Exact recovery, defended (undefended baseline), then by true count:");
        var rates = new Dictionary<string, double>();
        foreach (var (name, estimate) in allowed.Concat(refused))
        {
            var byCount = targets.GroupBy(t => t.Count).OrderBy(g => g.Key).Select(g => (Count: g.Key, Defended: Rate(g, t => estimate(t, cells, true)))).ToList();
            var (defended, baseline) = (Rate(targets, t => estimate(t, cells, true)), Rate(targets, t => estimate(t, cells, false)));
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"| {name} | {defended:P0} | {baseline:P0} | {string.Join(" | ", byCount.Select(c => $"{c.Defended:P0}"))} |");
            Assert.True(baseline == 1 || name.StartsWith("no query", StringComparison.Ordinal), $"{name}: the undefended baseline recovers {baseline:P0}");
            rates[name] = defended;
        }

        // The same rows are the same cell: asking again or otherwise gives nothing new, and a small count is never published as itself.
        Assert.Equal(0, rates[allowed[1].Name]);
        // Whatever the feed answers, combined as an intruder would, recovers no more than guessing without asking.
        Assert.All(allowed[1..], a => Assert.True(rates[a.Name] <= rates[allowed[0].Name], $"{a.Name}: {rates[a.Name]:P0}"));
        // Unions would let differences be averaged: the reason they are refused.
        Assert.True(rates[refused[2].Name] > 0.3, "averaged differences");
    }

    /// <summary>How often the estimate, rounded, is the true count.</summary>
    private static double Rate(IEnumerable<Cell> targets, Func<Cell, long?> estimate)
    {
        var list = targets.ToList();
        return (double)list.Count(t => estimate(t) == t.Count) / list.Count;
    }

    /// <summary>A set of rows as released: withheld counts are null.</summary>
    private static long? Released(IReadOnlyCollection<Cell> rows, bool defended) =>
        defended ? Keys.Release(rows.Sum(c => c.Count), rows.Sum(c => c.Keys)) : rows.Sum(c => c.Count);

    /// <summary>The parts of a cell within its financial year: quarter, borough, age band, category.</summary>
    private static string[] Parts(Cell c) => [c.Quarter.ToString(CultureInfo.InvariantCulture), c.Borough, c.AgeBand, c.Category];

    private const int Quarter = 0, Borough = 1, AgeBand = 2, Category = 3;

    /// <summary>The cells that differ from the target in one part only (its category, say): with it, they make up a total the feed answers.</summary>
    private static List<Cell> Siblings(Cell target, List<Cell> all, int part) =>
        [.. all.Where(c => c.Year == target.Year && Enumerable.Range(0, 4).All(i => (i == part) != (Parts(c)[i] == Parts(target)[i])))];

    /// <summary>(A and the target) minus A: null when either is withheld.</summary>
    private static long? Difference(Cell target, List<Cell> others, bool defended) =>
        Released([.. others, target], defended) is { } with && Released(others, defended) is { } without ? with - without : null;

    /// <summary>A total the feed answers, less its other parts as released one by one (a withheld part taken as 4, the middle of what it may be).</summary>
    private static long? TotalMinusSiblings(Cell target, List<Cell> all, bool defended, int part)
    {
        var siblings = Siblings(target, all, part);
        return Released([.. siblings, target], defended) is { } total ? total - siblings.Sum(o => Released([o], defended) ?? 4) : null;
    }

    /// <summary>The totals less their other parts along each of the target's four parts, averaged and rounded.</summary>
    private static long? Decompositions(Cell target, List<Cell> all, bool defended)
    {
        var estimates = new[] { Category, AgeBand, Borough, Quarter }.Select(p => TotalMinusSiblings(target, all, defended, p)).OfType<long>().ToList();
        return estimates.Count == 0 ? null : (long)Math.Round(estimates.Average(), MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The strongest: differences of many different overlapping queries (A less one other category each time, so each
    /// pair is a different pair of cells with noise of its own), averaged and rounded.
    /// </summary>
    private static long? Averaged(Cell target, List<Cell> all, bool defended, int most)
    {
        var others = Siblings(target, all, Category);
        var differences = others.Select(left => Difference(target, [.. others.Where(o => o != left)], defended))
            .Prepend(Difference(target, others, defended)).OfType<long>().Take(most).ToList();
        return differences.Count == 0 ? null : (long)Math.Round(differences.Average(), MidpointRounding.AwayFromZero);
    }

    private async Task<List<Cell>> CellsAsync()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var rows = await WarehouseQueries.RowsAsync(options,
            "SELECT d.\"FinancialYear\", d.\"FinancialQuarter\", a.\"Borough\", g.\"Name\", e.\"Code\", COUNT(*), SUM(r.\"RecordKey\") FROM \"Referrals\" r " +
            "JOIN \"Dates\" d ON d.\"DateKey\" = r.\"ReferralDateKey\" JOIN \"Areas\" a ON a.\"AreaKey\" = r.\"AreaKey\" " +
            "JOIN \"AgeBands\" g ON g.\"AgeBandKey\" = r.\"AgeBandKey\" JOIN \"Ethnicities\" e ON e.\"EthnicityKey\" = r.\"EthnicityKey\" " +
            "GROUP BY d.\"FinancialYear\", d.\"FinancialQuarter\", a.\"Borough\", g.\"Name\", e.\"Code\"");
        return [.. rows.Select(r => new Cell((string)r[0]!, Convert.ToInt32(r[1], CultureInfo.InvariantCulture), (string)r[2]!, (string)r[3]!, (string)r[4]!,
            Convert.ToInt64(r[5], CultureInfo.InvariantCulture), Convert.ToInt64(r[6], CultureInfo.InvariantCulture)))];
    }
}

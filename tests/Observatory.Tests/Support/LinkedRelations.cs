using System.Text.RegularExpressions;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;

namespace Observatory.Tests.Support;

/// <summary>
/// The relations that link the cells of the controlled table, across all indicators at once: a breakdown's groups
/// add up to the overall figure, the boroughs to the ICS, the quarters to their financial year, the detailed ethnic
/// categories to their broad group; twin indicators share a count; a proportion's numerator is within its
/// denominator. Only cells with a row take part: a group with no row never had a count in the area.
/// </summary>
public static partial class LinkedRelations
{
    public const string BreakdownSums = "groups add up to the overall figure";
    public const string BoroughSums = "boroughs add up to the ICS";
    public const string QuarterSums = "quarters add up to the financial year";
    public const string EthnicRollups = "ethnic categories add up to their broad group";
    public const string Twins = "twin counts are equal";
    public const string NumeratorWithinDenominator = "a proportion's numerator is within its denominator";

    /// <summary>Twins by their published counts: equal wherever both are published, in at least this many non-zero cells.</summary>
    public const int AgreementsForTwins = 20;

    /// <summary>The counts each unit has as unknowns: a rate's denominator is the public census, a mean's numerator a sum.</summary>
    public static IReadOnlyList<Quantity> QuantitiesOf(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Proportion => [Quantity.Numerator, Quantity.Denominator],
        IndicatorUnit.Mean => [Quantity.Denominator],
        _ => [Quantity.Numerator],
    };

    public static List<RelationFamily> Of(LinkedTables tables)
    {
        var cells = tables.Controlled.Where(r => r.GroupCode != IndicatorValueRow.TotalGroup).ToList();
        var units = tables.Indicators.ToDictionary(i => i.Id, i => i.Unit);
        var families = new List<RelationFamily>();
        foreach (var indicator in cells.GroupBy(c => c.IndicatorId))
        {
            var quantities = QuantitiesOf(units[indicator.Key]);
            var rows = indicator.ToList();
            families.AddRange(SumsOfGroups(rows, quantities));
            families.AddRange(SumsOfBoroughs(rows, quantities));
            families.AddRange(SumsOfQuarters(rows, quantities));
            families.AddRange(EthnicSums(rows, quantities, units[indicator.Key], tables.EthnicParents));
            if (units[indicator.Key] == IndicatorUnit.Proportion)
            {
                families.Add(new(NumeratorWithinDenominator, indicator.Key,
                    [.. rows.Select(r => new OrderRelation(new(r.Cell, Quantity.Numerator), new(r.Cell, Quantity.Denominator)))]));
            }
        }

        families.AddRange(TwinFamilies(tables, cells));
        return families;
    }

    private static IEnumerable<RelationFamily> SumsOfGroups(List<IndicatorValueRow> rows, IReadOnlyList<Quantity> quantities)
    {
        var overall = rows.Where(r => r.Breakdown == Breakdown.Overall).ToDictionary(r => (r.PeriodType, r.PeriodStartKey, r.Area));
        foreach (var breakdown in rows.Where(r => r.Breakdown != Breakdown.Overall).GroupBy(r => r.Breakdown))
        {
            var sums = breakdown.GroupBy(r => (r.PeriodType, r.PeriodStartKey, r.Area)).Where(g => overall.ContainsKey(g.Key))
                .Select(g => (Total: overall[g.Key].Cell, Parts: g.Select(r => r.Cell).ToList())).ToList();
            foreach (var quantity in quantities)
            {
                yield return Family(BreakdownSums, $"{rows[0].IndicatorId} {breakdown.Key}", quantity, sums);
            }
        }
    }

    private static IEnumerable<RelationFamily> SumsOfBoroughs(List<IndicatorValueRow> rows, IReadOnlyList<Quantity> quantities)
    {
        foreach (var breakdown in rows.GroupBy(r => r.Breakdown))
        {
            var sums = breakdown.GroupBy(r => (r.PeriodType, r.PeriodStartKey, r.GroupCode))
                .Select(g => (Total: g.FirstOrDefault(r => r.Area == IndicatorComputation.IcsName)?.Cell,
                    Parts: g.Where(r => r.Area != IndicatorComputation.IcsName).Select(r => r.Cell).ToList()))
                .Where(s => s.Total is not null && s.Parts.Count > 0).Select(s => (s.Total!.Value, s.Parts)).ToList();
            foreach (var quantity in quantities)
            {
                yield return Family(BoroughSums, $"{rows[0].IndicatorId} {breakdown.Key}", quantity, sums);
            }
        }
    }

    private static IEnumerable<RelationFamily> SumsOfQuarters(List<IndicatorValueRow> rows, IReadOnlyList<Quantity> quantities)
    {
        var quarters = rows.Where(r => r.PeriodType == nameof(PeriodType.Quarter)).ToLookup(r => (r.Area, r.Breakdown, r.GroupCode));
        foreach (var breakdown in rows.Where(r => r.PeriodType == nameof(PeriodType.FinancialYear)).GroupBy(r => r.Breakdown))
        {
            var sums = breakdown
                .Select(year => (Total: year.Cell, Parts: quarters[(year.Area, year.Breakdown, year.GroupCode)]
                    .Where(q => q.PeriodStartKey >= year.PeriodStartKey && q.PeriodEndKey <= year.PeriodEndKey).Select(q => q.Cell).ToList()))
                .Where(s => s.Parts.Count == 4).ToList();
            if (sums.Count == 0)
            {
                continue;
            }

            foreach (var quantity in quantities)
            {
                yield return Family(QuarterSums, $"{rows[0].IndicatorId} {breakdown.Key}", quantity, sums);
            }
        }
    }

    /// <summary>Detailed categories under their broad group: the census grouping for rates, as the groups of a rate are census groups.</summary>
    private static IEnumerable<RelationFamily> EthnicSums(List<IndicatorValueRow> rows, IReadOnlyList<Quantity> quantities, IndicatorUnit unit,
        IReadOnlyDictionary<string, (string Broad, string Census)> parents)
    {
        var broad = rows.Where(r => r.Breakdown == "ethnic-group").ToDictionary(r => (r.PeriodType, r.PeriodStartKey, r.Area, r.GroupCode));
        var sums = rows.Where(r => r.Breakdown == "ethnic-category" && parents.ContainsKey(r.GroupCode))
            .GroupBy(r => (r.PeriodType, r.PeriodStartKey, r.Area, Parent: unit == IndicatorUnit.RatePer100000 ? parents[r.GroupCode].Census : parents[r.GroupCode].Broad))
            .Where(g => broad.ContainsKey(g.Key)).Select(g => (Total: broad[g.Key].Cell, Parts: g.Select(r => r.Cell).ToList())).ToList();
        if (sums.Count == 0)
        {
            yield break;
        }

        foreach (var quantity in quantities)
        {
            yield return Family(EthnicRollups, rows[0].IndicatorId, quantity, sums);
        }
    }

    /// <summary>
    /// Counts of two indicators that are the same count: asked by the same feed query (up to the name it is
    /// given), or published alike wherever both are published. Compared cell by cell, one family per breakdown.
    /// </summary>
    private static IEnumerable<RelationFamily> TwinFamilies(LinkedTables tables, List<IndicatorValueRow> cells)
    {
        var series = tables.Indicators
            .SelectMany(i => QuantitiesOf(i.Unit).Select(q => (Indicator: i.Id, Quantity: q, Query: Normalised(q == Quantity.Numerator ? i.NumeratorQuery : i.DenominatorQuery))))
            .ToList();
        // Each indicator's cells by period, area and group, so that two indicators' cells can be matched.
        var byIndicator = cells.GroupBy(c => c.IndicatorId).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Cell with { IndicatorId = "" }));
        for (var a = 0; a < series.Count; a++)
        {
            for (var b = a + 1; b < series.Count; b++)
            {
                var (first, second) = (series[a], series[b]);
                if (first.Indicator == second.Indicator || !byIndicator.TryGetValue(first.Indicator, out var mine)
                    || !byIndicator.TryGetValue(second.Indicator, out var theirs))
                {
                    continue;
                }

                var pairs = mine.Where(c => theirs.ContainsKey(c.Key)).Select(c => (First: c.Value, Second: theirs[c.Key])).ToList();
                if (first.Query != second.Query && !PublishedAlike(pairs, first.Quantity, second.Quantity))
                {
                    continue;
                }

                foreach (var breakdown in pairs.GroupBy(p => p.First.Breakdown))
                {
                    yield return new(Twins, $"{first.Indicator} {Name(first.Quantity)} = {second.Indicator} {Name(second.Quantity)} {breakdown.Key}",
                        [.. breakdown.Select(p => new SumRelation(new(p.First.Cell, first.Quantity), [new(p.Second.Cell, second.Quantity)]))]);
                }
            }
        }
    }

    private static bool PublishedAlike(List<(IndicatorValueRow First, IndicatorValueRow Second)> pairs, Quantity first, Quantity second)
    {
        var published = pairs.Select(p => (First: Count(p.First, first), Second: Count(p.Second, second)))
            .Where(p => p.First is not null && p.Second is not null).ToList();
        return published.All(p => p.First == p.Second) && published.Count(p => p.First > 0) >= AgreementsForTwins;
    }

    public static double? Count(IndicatorValueRow row, Quantity quantity) =>
        row.IsWithheld ? null : quantity == Quantity.Numerator ? row.Numerator : row.Denominator;

    private static RelationFamily Family(string kind, string name, Quantity quantity, List<(CellKey Total, List<CellKey> Parts)> sums) =>
        new(kind, $"{name} {Name(quantity)}", [.. sums.Select(s => new SumRelation(new(s.Total, quantity), [.. s.Parts.Select(p => new CountKey(p, quantity))]))]);

    private static string Name(Quantity quantity) => quantity.ToString().ToLowerInvariant();

    /// <summary>A feed query without the name its result is given ("... as Numerator)").</summary>
    private static string? Normalised(string? query) => query is null ? null : ResultName().Replace(query, ")");

    [GeneratedRegex(@" as (Numerator|Denominator)\)")]
    private static partial Regex ResultName();
}

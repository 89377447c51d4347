namespace Observatory.Indicators.Disclosure;

/// <summary>A count as published: its rounded value, or nothing and the reason.</summary>
public readonly record struct PublishedCount(long? Value, Suppression Suppression);

/// <summary>
/// Primary and secondary cell suppression with rounding over a set of counts that are linked by additive
/// groups: each group lists cells whose sum is also published (the groups of a breakdown, whose total is the
/// overall figure; the detailed ethnic categories inside one broad group). A group with exactly one withheld
/// cell would give that cell away as "total minus the rest", so the smallest other non-zero cell of the group is
/// withheld too, repeatedly, until every group holds none or at least two withheld cells. The counts that remain
/// are rounded to the nearest 5, so even sums over overlapping groups leave a withheld cell uncertain by more
/// than its own size.
/// </summary>
public static class CellSuppression
{
    public static PublishedCount[] Protect(IReadOnlyList<long> counts, IReadOnlyList<IReadOnlyList<int>> groups, DisclosureRules rules)
    {
        var suppression = counts.Select(c => rules.IsSmall(c) ? Suppression.SmallCount : Suppression.None).ToArray();
        var groupsOf = new List<int>[counts.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var cell in groups[g])
            {
                (groupsOf[cell] ??= []).Add(g);
            }
        }

        var pending = new Queue<int>(Enumerable.Range(0, groups.Count));
        var queued = new bool[groups.Count];
        Array.Fill(queued, true);
        while (pending.TryDequeue(out var g))
        {
            queued[g] = false;
            var members = groups[g];
            if (members.Count(c => suppression[c] != Suppression.None) != 1)
            {
                continue;
            }

            var partner = members.Where(c => suppression[c] == Suppression.None && counts[c] > 0)
                .OrderBy(c => counts[c]).ThenBy(c => c).Select(c => (int?)c).FirstOrDefault();
            if (partner is not { } chosen)
            {
                continue;
            }

            suppression[chosen] = Suppression.Secondary;
            // Withholding a cell can leave another group it belongs to with a single withheld cell.
            foreach (var other in groupsOf[chosen])
            {
                if (!queued[other])
                {
                    queued[other] = true;
                    pending.Enqueue(other);
                }
            }
        }

        return counts.Select((c, i) => suppression[i] == Suppression.None ? new PublishedCount(rules.Round(c), Suppression.None)
            : new PublishedCount(null, suppression[i])).ToArray();
    }
}

namespace Observatory.Tests.Support;

/// <summary>One count at the end of an attack: where it started, where it ended, and the true value.</summary>
public sealed record AttackedCount(CountKey Key, CountBounds Start, CountBounds End, long? Truth)
{
    public bool IsSound => Truth is { } truth && End.Contains(truth);

    public override string ToString() => $"{Key}: {Start} narrowed to {End}, truth {Truth?.ToString() ?? "unknown"}";
}

/// <summary>How far an attack got with one kind of count (withheld, or published rounded).</summary>
public sealed record CountTally(int Counts, int Narrowed, int Pinned, int PinnedAtTruth, IReadOnlyList<AttackedCount> Examples)
{
    public static CountTally Of(IReadOnlyList<AttackedCount> counts, int examples = 5)
    {
        var pinned = counts.Where(c => c.End.IsPinned && !c.Start.IsPinned).ToList();
        return new(counts.Count, counts.Count(c => c.End != c.Start), pinned.Count, pinned.Count(c => c.IsSound), [.. pinned.Take(examples)]);
    }

    public override string ToString() => $"{Pinned} of {Counts} pinned ({PinnedAtTruth} at the true value), {Narrowed} narrowed";
}

/// <summary>
/// What a linked-table attack recovered from the controlled table, scored against the exact one.
/// </summary>
/// <param name="Withheld">Counts of withheld rows.</param>
/// <param name="Published">Counts published rounded (a published zero, pinned by the model alone, is not counted as pinned).</param>
/// <param name="MeansWithIntervals">Published means with intervals, whose number of people is published rounded.</param>
/// <param name="MeansRecoveredByWidths">Of those, the ones whose interval widths alone leave one possible number of people.</param>
/// <param name="TwinLeaks">Withheld counts that a twin indicator publishes (the same count, published in the same cell).</param>
/// <param name="WithheldRowsWithSlopeIndex">Withheld rows that still carry a slope index of inequality.</param>
/// <param name="Unsound">Counts whose true value the attack excluded: none if the model and every relation used hold.</param>
/// <param name="Contradictions">Constraints that left a count no possible value.</param>
/// <param name="UsedFamilies">Relation families that hold on the exact values, and were used.</param>
/// <param name="DroppedFamilies">Relation families that fail somewhere on the exact values, and were not used.</param>
public sealed record LinkedTableAttackResult(
    CountTally Withheld, CountTally Published, int MeansWithIntervals, int MeansRecoveredByWidths, IReadOnlyList<CountKey> TwinLeaks, int WithheldRowsWithSlopeIndex,
    IReadOnlyList<AttackedCount> Unsound, int Contradictions, IReadOnlyList<RelationFamily> UsedFamilies, IReadOnlyList<RelationFamily> DroppedFamilies,
    bool ReachedFixedPoint, TimeSpan Elapsed)
{
    public IEnumerable<string> Report()
    {
        yield return $"Withheld counts: {Withheld}";
        yield return $"Published (rounded) counts: {Published}";
        yield return $"Means whose count the interval widths give away: {MeansRecoveredByWidths} of {MeansWithIntervals}";
        yield return $"Withheld counts published by a twin: {TwinLeaks.Count} ({TwinLeaks.Count(k => k.Quantity == Quantity.Numerator)} numerators, "
            + $"{TwinLeaks.Count(k => k.Quantity == Quantity.Denominator)} denominators)";
        yield return $"Withheld rows with a slope index: {WithheldRowsWithSlopeIndex}";
        yield return $"Unsound counts: {Unsound.Count}; contradictions: {Contradictions}; fixed point: {ReachedFixedPoint}; {Elapsed.TotalSeconds:F1} s";
        foreach (var kind in UsedFamilies.Concat(DroppedFamilies).Select(f => f.Kind).Distinct())
        {
            var (used, dropped) = (UsedFamilies.Where(f => f.Kind == kind).ToList(), DroppedFamilies.Count(f => f.Kind == kind));
            yield return $"Relations '{kind}': {used.Count} families hold ({used.Sum(f => f.Relations.Count)} relations), {dropped} dropped";
        }

        foreach (var family in DroppedFamilies)
        {
            yield return $"Dropped: {family}";
        }

        foreach (var example in Withheld.Examples.Concat(Published.Examples))
        {
            yield return $"Pinned: {example}";
        }
    }
}

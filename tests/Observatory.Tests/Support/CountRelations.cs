namespace Observatory.Tests.Support;

/// <summary>Which count of a cell: its numerator, or its denominator where that is counted (proportions, means).</summary>
public enum Quantity
{
    Numerator,
    Denominator,
}

/// <summary>One unknown true count: a quantity of a cell.</summary>
public readonly record struct CountKey(CellKey Cell, Quantity Quantity)
{
    public override string ToString() => $"{Cell} {Quantity.ToString().ToLowerInvariant()}";
}

/// <summary>A relation that the true counts of some cells satisfy, whatever the disclosure control did to them.</summary>
public abstract record CountRelation
{
    public abstract IEnumerable<CountKey> Members { get; }

    /// <summary>Whether the relation holds for the true counts (false where one of them is not known).</summary>
    public abstract bool HoldsFor(IReadOnlyDictionary<CountKey, long> truth);

    public abstract ICountConstraint Constraint(Func<CountKey, int> index);
}

/// <summary>A count that is the sum of others; with one part, two counts that are equal.</summary>
public sealed record SumRelation(CountKey Total, IReadOnlyList<CountKey> Parts) : CountRelation
{
    public override IEnumerable<CountKey> Members => [Total, .. Parts];

    public override bool HoldsFor(IReadOnlyDictionary<CountKey, long> truth) =>
        Members.All(truth.ContainsKey) && truth[Total] == Parts.Sum(p => truth[p]);

    public override ICountConstraint Constraint(Func<CountKey, int> index) => new SumConstraint(index(Total), [.. Parts.Select(index)]);
}

/// <summary>A count no larger than another.</summary>
public sealed record OrderRelation(CountKey Smaller, CountKey Larger) : CountRelation
{
    public override IEnumerable<CountKey> Members => [Smaller, Larger];

    public override bool HoldsFor(IReadOnlyDictionary<CountKey, long> truth) =>
        truth.TryGetValue(Smaller, out var smaller) && truth.TryGetValue(Larger, out var larger) && smaller <= larger;

    public override ICountConstraint Constraint(Func<CountKey, int> index) => new AtMostConstraint(index(Smaller), index(Larger));
}

/// <summary>
/// Relations of one kind for one indicator (or pair of twin indicators), breakdown and quantity: used only when
/// every one of them holds on the exact values, since an intruder's knowledge of how the tables are made is right
/// or wrong for the whole family at once.
/// </summary>
public sealed record RelationFamily(string Kind, string Name, IReadOnlyList<CountRelation> Relations)
{
    public bool HoldsFor(IReadOnlyDictionary<CountKey, long> truth) => Relations.All(r => r.HoldsFor(truth));

    public override string ToString() => $"{Kind}: {Name} ({Relations.Count})";
}

namespace Observatory.Tests.Support;

/// <summary>
/// A count that is the sum of others (a total and its parts; with one part, two counts that are equal). The total
/// lies between the sums of the parts' bounds, and each part between the total less the others' largest and
/// the total less the others' smallest.
/// </summary>
public sealed class SumConstraint : ICountConstraint
{
    public SumConstraint(int total, IReadOnlyList<int> parts)
    {
        Total = total;
        Parts = parts;
        Members = [total, .. parts];
    }

    public int Total { get; }

    public IReadOnlyList<int> Parts { get; }

    public IReadOnlyList<int> Members { get; }

    public void Narrow(CountSystem system)
    {
        long lowest = 0, highest = 0;
        var unbounded = 0;
        foreach (var part in Parts)
        {
            var bounds = system[part];
            lowest += bounds.Lower;
            if (bounds.IsBounded)
            {
                highest += bounds.Upper;
            }
            else
            {
                unbounded++;
            }
        }

        system.Tighten(Total, lowest, unbounded > 0 ? CountBounds.Unbounded : highest, this);
        var total = system[Total];
        foreach (var part in Parts)
        {
            var bounds = system[part];
            var othersLowest = lowest - bounds.Lower;
            var othersHighest = bounds.IsBounded ? highest - bounds.Upper : highest;
            var othersUnbounded = unbounded - (bounds.IsBounded ? 0 : 1);
            var lower = othersUnbounded > 0 ? 0 : total.Lower - othersHighest;
            var upper = total.IsBounded ? total.Upper - othersLowest : CountBounds.Unbounded;
            system.Tighten(part, lower, upper, this);
        }
    }

    public override string ToString() => $"#{Total} = {string.Join(" + ", Parts.Select(p => $"#{p}"))}";
}

/// <summary>A count no larger than another: a proportion's numerator and its denominator.</summary>
public sealed class AtMostConstraint(int smaller, int larger) : ICountConstraint
{
    public IReadOnlyList<int> Members { get; } = [smaller, larger];

    public void Narrow(CountSystem system)
    {
        system.Tighten(smaller, 0, system[larger].Upper, this);
        system.Tighten(larger, system[smaller].Lower, CountBounds.Unbounded, this);
    }

    public override string ToString() => $"#{smaller} ≤ #{larger}";
}

/// <summary>A count that is not any of the values in <paramref name="excluded"/>: a bound that falls in it moves past it.</summary>
public sealed class ExclusionConstraint(int count, CountBounds excluded) : ICountConstraint
{
    public IReadOnlyList<int> Members { get; } = [count];

    public void Narrow(CountSystem system)
    {
        var bounds = system[count];
        if (excluded.Contains(bounds.Lower))
        {
            system.Tighten(count, excluded.Upper + 1, CountBounds.Unbounded, this);
        }

        if (excluded.Contains(system[count].Upper))
        {
            system.Tighten(count, 0, excluded.Lower - 1, this);
        }
    }

    public override string ToString() => $"#{count} not in {excluded}";
}

namespace Observatory.Tests.Support;

/// <summary>A constraint over some of a <see cref="CountSystem"/>'s counts that can narrow their bounds.</summary>
public interface ICountConstraint
{
    IReadOnlyList<int> Members { get; }

    /// <summary>Narrows the bounds of <see cref="Members"/> to the values the constraint leaves possible.</summary>
    void Narrow(CountSystem system);
}

/// <summary>
/// Unknown whole-number counts, each with bounds, and constraints between them, narrowed together to a fixed point
/// by bound propagation: a work queue of constraints, each taken up again whenever a bound of one of its counts
/// moves. Bounds only ever shrink, and a true value inside every starting bound stays inside as long as every
/// constraint holds for the true values.
/// </summary>
public sealed class CountSystem
{
    private readonly List<CountBounds> _bounds = [];
    private readonly List<ICountConstraint> _constraints = [];
    private readonly List<List<int>> _constraintsOf = [];
    private readonly Queue<int> _pending = new();
    private readonly List<bool> _queued = [];

    public int Count => _bounds.Count;

    public CountBounds this[int count] => _bounds[count];

    /// <summary>Constraints that would have left a count no possible value: the model or a relation does not hold.</summary>
    public List<ICountConstraint> Contradictions { get; } = [];

    /// <summary>Adds a count with its starting bounds and returns its index.</summary>
    public int AddCount(CountBounds bounds)
    {
        _bounds.Add(bounds);
        _constraintsOf.Add([]);
        return _bounds.Count - 1;
    }

    public void Add(ICountConstraint constraint)
    {
        var index = _constraints.Count;
        _constraints.Add(constraint);
        _queued.Add(false);
        foreach (var count in constraint.Members.Distinct())
        {
            _constraintsOf[count].Add(index);
        }

        Enqueue(index);
    }

    /// <summary>Narrows until no constraint moves a bound, or <paramref name="maxSteps"/> constraints have been taken up.</summary>
    /// <returns>True when a fixed point was reached.</returns>
    public bool Propagate(int maxSteps = 20_000_000)
    {
        for (var step = 0; step < maxSteps; step++)
        {
            if (!_pending.TryDequeue(out var next))
            {
                return true;
            }

            _queued[next] = false;
            _constraints[next].Narrow(this);
        }

        return _pending.Count == 0;
    }

    /// <summary>
    /// Intersects a count's bounds with [<paramref name="lower"/>, <paramref name="upper"/>] and takes up again the
    /// constraints on it if they moved. An empty intersection is recorded as a contradiction and changes nothing.
    /// </summary>
    public void Tighten(int count, long lower, long upper, ICountConstraint by)
    {
        var current = _bounds[count];
        var narrowed = new CountBounds(Math.Max(current.Lower, lower), Math.Min(current.Upper, Math.Min(upper, CountBounds.Unbounded)));
        if (narrowed.Lower > narrowed.Upper)
        {
            Contradict(by);
            return;
        }

        if (narrowed == current)
        {
            return;
        }

        _bounds[count] = narrowed;
        foreach (var constraint in _constraintsOf[count])
        {
            Enqueue(constraint);
        }
    }

    /// <summary>Records that a constraint left a count no possible value.</summary>
    public void Contradict(ICountConstraint by) => Contradictions.Add(by);

    private void Enqueue(int constraint)
    {
        if (!_queued[constraint])
        {
            _queued[constraint] = true;
            _pending.Enqueue(constraint);
        }
    }
}

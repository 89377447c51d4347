using Bogus;

namespace Observatory.Synthetic.Sampling;

/// <summary>Draws one item with probability proportional to its weight (cumulative table, binary search).</summary>
public sealed class Categorical<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public Categorical(IEnumerable<(T Item, double Weight)> weighted)
    {
        var list = weighted.Where(w => w.Weight > 0).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one item needs a positive weight.", nameof(weighted));
        }

        _items = list.Select(w => w.Item).ToArray();
        _cumulative = new double[list.Count];
        var sum = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            sum += list[i].Weight;
            _cumulative[i] = sum;
        }
    }

    public int Count => _items.Length;

    public double TotalWeight => _cumulative[^1];

    public T Draw(Randomizer random)
    {
        var target = random.Double() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return _items[Math.Min(index, _items.Length - 1)];
    }
}

public static class Categorical
{
    public static Categorical<string> FromShares(IReadOnlyDictionary<string, double> shares) =>
        new(shares.Select(s => (s.Key, s.Value)));
}

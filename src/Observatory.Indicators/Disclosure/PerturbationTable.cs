namespace Observatory.Indicators.Disclosure;

/// <summary>
/// The perturbation table (ptable) of the cell-key method for counts: for each original count, the probability of
/// each count it may be published as. Built by the maximum-entropy method of Giessing (2016), as the sdcTools
/// <c>ptable</c> package builds them, with these guarantees for every row:
/// <list type="bullet">
/// <item>a probability distribution (no negative probability; they add up to 1);</item>
/// <item>unbiased: the expected published count is the original count;</item>
/// <item>the stated variance <c>V</c> of the perturbation, where the row's range allows it. The rows of the smallest
/// counts are cut off at zero and at the threshold, and an unbiased perturbation on such a range has a variance
/// between two bounds: when V lies outside them, the row gets the bound's variance moved a tenth of the way towards
/// the other (and a row with just two possible counts gets the one unbiased distribution it has);</item>
/// <item>no perturbation larger than <c>D</c>;</item>
/// <item>zero stays zero, and no count is published between 1 and the threshold <c>js</c>: the counts 1 to js are
/// always moved, to 0 or above js;</item>
/// <item>among distributions meeting all of that, the one of greatest entropy (the least predictable).</item>
/// </list>
/// A cell's perturbation is then looked up by its cell key, a number in [0, 1): the same count and key always give
/// the same perturbation, so asking for the same cell again, or by another query, reveals nothing new.
/// </summary>
public sealed class PerturbationTable
{
    /// <summary>How far inside its bounds a short row's variance is kept when V lies outside them (a share of the way between them).</summary>
    public const double EdgeMargin = 0.1;

    private readonly double[][] _probabilities;
    private readonly (int Perturbation, double Below)[][] _slices;

    /// <param name="maximumDeviation">D: the largest perturbation (at least 1).</param>
    /// <param name="variance">V: the perturbation's variance (greater than 0, less than D squared).</param>
    /// <param name="threshold">js: counts from 1 to js are never published (0 for none); below D, so that every count can move down.</param>
    public PerturbationTable(int maximumDeviation, double variance, int threshold = 0)
    {
        if (maximumDeviation < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumDeviation), "The maximum deviation D must be at least 1.");
        }

        if (!(variance > 0 && variance < (double)maximumDeviation * maximumDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(variance), $"The variance V must be above 0 and below D squared ({maximumDeviation * maximumDeviation}).");
        }

        if (threshold < 0 || threshold >= maximumDeviation)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold),
                "The threshold js must be at least 0 and below D: otherwise a count just above it could never move down, and an unbiased perturbation would leave it as it is.");
        }

        MaximumDeviation = maximumDeviation;
        Variance = variance;
        Threshold = threshold;
        // From this count on, no row is cut off at zero or the threshold: every later row is this one, shifted.
        LastDistinctCount = threshold + maximumDeviation + 1;
        _probabilities = new double[LastDistinctCount + 1][];
        _slices = new (int, double)[LastDistinctCount + 1][];
        for (var count = 0; count <= LastDistinctCount; count++)
        {
            _probabilities[count] = Row(count);
            _slices[count] = SlicesOf(_probabilities[count]);
        }
    }

    public int MaximumDeviation { get; }

    public double Variance { get; }

    public int Threshold { get; }

    /// <summary>The largest count with a row of its own; larger counts share its perturbations.</summary>
    public int LastDistinctCount { get; }

    /// <summary>The perturbations a count may get (from −D to D), each with its probability; zero where not allowed.</summary>
    public IReadOnlyList<(int Perturbation, double Probability)> Distribution(long count)
    {
        var row = _probabilities[RowOf(count)];
        return Enumerable.Range(0, row.Length).Select(i => (i - MaximumDeviation, row[i])).ToList();
    }

    /// <summary>The variance of the perturbation of a count (V, or less for the smallest counts).</summary>
    public double VarianceOf(long count) => Distribution(count).Sum(d => d.Probability * d.Perturbation * d.Perturbation);

    /// <summary>The perturbation of a count whose cell key is <paramref name="cellKey"/>.</summary>
    /// <param name="count">The original count (0 or more).</param>
    /// <param name="cellKey">The cell key, in [0, 1).</param>
    public int Perturbation(long count, double cellKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(cellKey >= 0 && cellKey < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(cellKey), "A cell key lies in [0, 1).");
        }

        // The key falls in one perturbation's slice of [0, 1): the slices in the order of the perturbations.
        var slices = _slices[RowOf(count)];
        foreach (var (perturbation, below) in slices)
        {
            if (cellKey < below)
            {
                return perturbation;
            }
        }

        // Rounding left the total a hair below 1: the key belongs to the last slice.
        return slices[^1].Perturbation;
    }

    /// <summary>
    /// The slices of [0, 1) that a count's cell key picks its perturbation from, in the order of the perturbations:
    /// a key below a slice's upper bound (and not below the one before) gets its perturbation; the last slice also
    /// takes any key from its bound up to 1. The same bounds, to the last bit, are what <see cref="Perturbation"/> uses.
    /// </summary>
    public IReadOnlyList<(int Perturbation, double Below)> Slices(long count) => _slices[RowOf(count)];

    /// <summary>The count as published: the original count plus its perturbation.</summary>
    public long Publish(long count, double cellKey) => count + Perturbation(count, cellKey);

    private (int, double)[] SlicesOf(double[] row)
    {
        var slices = new List<(int, double)>();
        var cumulative = 0.0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] > 0)
            {
                cumulative += row[i];
                slices.Add((i - MaximumDeviation, cumulative));
            }
        }

        return [.. slices];
    }

    private int RowOf(long count) => (int)Math.Min(count, LastDistinctCount);

    /// <summary>The maximum-entropy distribution of the perturbation of one count, indexed from −D.</summary>
    private double[] Row(int count)
    {
        var row = new double[2 * MaximumDeviation + 1];
        if (count == 0)
        {
            row[MaximumDeviation] = 1;
            return row;
        }

        var allowed = Enumerable.Range(-MaximumDeviation, row.Length)
            .Where(d => count + d == 0 || count + d > Threshold)
            .ToArray();
        // An unbiased perturbation on these values has a variance of at most (largest)(−smallest) (Bhatia and Davis),
        // and, when it cannot stay, at least that of the closest pair either side of it.
        var highest = (double)allowed.Max() * -allowed.Min();
        var lowest = allowed.Contains(0) ? 0 : (double)allowed.Where(d => d > 0).Min() * -allowed.Where(d => d < 0).Max();
        double[] weights;
        if (allowed.Length == 2)
        {
            // Two values: the mean alone decides the distribution.
            var (down, up) = (allowed[0], allowed[1]);
            weights = [(double)up / (up - down), (double)-down / (up - down)];
        }
        else
        {
            var margin = EdgeMargin * (highest - lowest);
            var variance = Variance <= lowest ? lowest + margin : Variance >= highest ? highest - margin : Variance;
            weights = MaximumEntropy(allowed, variance);
        }

        for (var i = 0; i < allowed.Length; i++)
        {
            row[allowed[i] + MaximumDeviation] = weights[i];
        }

        return row;
    }

    /// <summary>
    /// p(d) ∝ exp(a·d + b·d²) over the allowed perturbations, with a and b found by Newton's method so that the mean
    /// is 0 and the variance is <paramref name="variance"/>: the exponential family is the maximum-entropy form under
    /// those two moment constraints.
    /// </summary>
    private static double[] MaximumEntropy(int[] support, double variance)
    {
        double a = 0, b = 0;
        double[] p = [];
        for (var iteration = 0; iteration < 200; iteration++)
        {
            p = Normalised(support, a, b);
            double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
            for (var i = 0; i < support.Length; i++)
            {
                double d = support[i];
                m1 += p[i] * d;
                m2 += p[i] * d * d;
                m3 += p[i] * d * d * d;
                m4 += p[i] * d * d * d * d;
            }

            var (f1, f2) = (m1, m2 - variance);
            if (Math.Abs(f1) < 1e-13 && Math.Abs(f2) < 1e-13)
            {
                return p;
            }

            // The Jacobian of (E[d], E[d²]) in (a, b) is the covariance matrix of (d, d²).
            var j11 = m2 - m1 * m1;
            var j12 = m3 - m1 * m2;
            var j22 = m4 - m2 * m2;
            var determinant = j11 * j22 - j12 * j12;
            var da = (f1 * j22 - f2 * j12) / determinant;
            var db = (f2 * j11 - f1 * j12) / determinant;
            // Damped steps keep the exponents from overshooting while the row is far from its solution.
            var step = Math.Min(1, 2 / Math.Max(Math.Abs(da), Math.Abs(db)));
            a -= step * da;
            b -= step * db;
        }

        throw new InvalidOperationException($"No perturbation distribution over [{string.Join(", ", support)}] with mean 0 and variance {variance} was found.");
    }

    private static double[] Normalised(int[] support, double a, double b)
    {
        var exponents = support.Select(d => a * d + b * d * d).ToArray();
        var largest = exponents.Max();
        var weights = exponents.Select(e => Math.Exp(e - largest)).ToArray();
        var total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }
}

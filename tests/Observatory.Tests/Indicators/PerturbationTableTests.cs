using Observatory.Indicators.Disclosure;

namespace Observatory.Tests.Indicators;

/// <summary>The cell-key method's perturbation table: worked values, and every stated property on a grid of parameters.</summary>
public class PerturbationTableTests
{
    [Fact]
    public void WithOneStepEitherWayTheVarianceDecidesTheRow()
    {
        // D = 1 leaves three values and two constraints: p(−1) = p(+1) = V/2, p(0) = 1 − V.
        var table = new PerturbationTable(maximumDeviation: 1, variance: 0.5);

        Assert.Equal([(-1, 0.25), (0, 0.5), (1, 0.25)], Rounded(table.Distribution(100)));
    }

    [Fact]
    public void TheRowOfALargeCountIsTheMaximumEntropyDistributionWithTheStatedVariance()
    {
        // Worked by hand: p(d) ∝ exp(b·d²) with e^b = 1/2 gives weights 1/16, 1/2, 1, 1/2, 1/16 (total 17/8), so
        // p = 1/34, 4/17, 8/17, 4/17, 1/34 and the variance is (2·(1/2)·1 + 2·(1/16)·4)/(17/8) = 12/17.
        var table = new PerturbationTable(maximumDeviation: 2, variance: 12.0 / 17);

        Assert.Equal([(-2, Round(1.0 / 34)), (-1, Round(4.0 / 17)), (0, Round(8.0 / 17)), (1, Round(4.0 / 17)), (2, Round(1.0 / 34))],
            Rounded(table.Distribution(1000)));
    }

    private static readonly int[] Deviations = [1, 2, 3, 5];
    private static readonly double[] Variances = [0.2, 0.5, 1.0, 2.0, 4.0];

    public static TheoryData<int, double, int> Parameters
    {
        get
        {
            var data = new TheoryData<int, double, int>();
            foreach (var d in Deviations)
            {
                foreach (var v in Variances.Where(v => v < d * d))
                {
                    foreach (var js in Enumerable.Range(0, d))
                    {
                        data.Add(d, v, js);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void EveryRowIsAnUnbiasedBoundedDistributionThatNeverPublishesACountUpToTheThreshold(int d, double v, int js)
    {
        var table = new PerturbationTable(d, v, js);

        for (long count = 0; count <= table.LastDistinctCount + 3; count++)
        {
            var row = table.Distribution(count);
            Assert.All(row, p => Assert.True(p.Probability >= 0, $"negative probability at {count}"));
            Assert.Equal(1, row.Sum(p => p.Probability), 12);
            Assert.Equal(0, row.Sum(p => p.Probability * p.Perturbation), 9);
            Assert.All(row.Where(p => p.Probability > 0), p =>
            {
                Assert.InRange(Math.Abs(p.Perturbation), 0, d);
                var published = count + p.Perturbation;
                Assert.True(published == 0 || published > js, $"{count} may be published as {published}, within 1 to {js}");
            });
            if (count == 0)
            {
                Assert.Equal(1, row.Single(p => p.Perturbation == 0).Probability);
            }
            else if (count >= table.LastDistinctCount)
            {
                // Rows no longer cut off at zero or the threshold have the stated variance exactly.
                Assert.Equal(v, table.VarianceOf(count), 9);
            }
        }
    }

    [Theory]
    [InlineData(2, 1.0, 1)]
    [InlineData(3, 1.5, 2)]
    public void EachPerturbationTakesASliceOfTheCellKeysAsWideAsItsProbability(int d, double v, int js)
    {
        var table = new PerturbationTable(d, v, js);
        const int Keys = 200_000;

        foreach (var count in new long[] { 1, 2, 5, 40 })
        {
            var seen = new Dictionary<int, int>();
            for (var k = 0; k < Keys; k++)
            {
                var perturbation = table.Perturbation(count, (k + 0.5) / Keys);
                seen[perturbation] = seen.GetValueOrDefault(perturbation) + 1;
                // The same count and key give the same perturbation, however often asked.
                Assert.Equal(perturbation, table.Perturbation(count, (k + 0.5) / Keys));
            }

            foreach (var (perturbation, probability) in table.Distribution(count))
            {
                // Each slice is the probability's width, to the resolution of the keys tried.
                Assert.InRange(seen.GetValueOrDefault(perturbation) / (double)Keys - probability, -2.0 / Keys, 2.0 / Keys);
            }
        }
    }

    [Theory]
    [InlineData(0, 1.0, 0)]
    [InlineData(2, 0.0, 0)]
    [InlineData(2, 4.0, 0)]
    [InlineData(2, 1.0, 2)]
    [InlineData(2, 1.0, -1)]
    public void ParametersOutsideTheMethodAreRefused(int d, double v, int js) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerturbationTable(d, v, js));

    [Fact]
    public void CellKeysOutsideZeroToOneAreRefused()
    {
        var table = new PerturbationTable(2, 1.0);

        Assert.Throws<ArgumentOutOfRangeException>(() => table.Perturbation(5, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Perturbation(5, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Perturbation(-1, 0.5));
    }

    private static double Round(double value) => Math.Round(value, 10);

    private static List<(int, double)> Rounded(IReadOnlyList<(int Perturbation, double Probability)> row) =>
        row.Select(p => (p.Perturbation, Round(p.Probability))).ToList();
}

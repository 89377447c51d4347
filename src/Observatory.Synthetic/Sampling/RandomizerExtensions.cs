using Bogus;

namespace Observatory.Synthetic.Sampling;

public static class RandomizerExtensions
{
    public static bool Chance(this Randomizer random, double probability) => random.Double() < probability;

    /// <summary>Standard normal deviate (Box-Muller).</summary>
    public static double Normal(this Randomizer random, double mean, double sd)
    {
        var u1 = 1.0 - random.Double();
        var u2 = random.Double();
        return mean + sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A lognormal number of days given its median and 90th centile (z of 0.9 is 1.2816).</summary>
    public static int LognormalDays(this Randomizer random, double median, double p90)
    {
        var sigma = Math.Log(p90 / median) / 1.2816;
        return (int)Math.Round(median * Math.Exp(random.Normal(0, sigma)));
    }

    /// <summary>A count from 1 to max with roughly the given mean (a shifted geometric-like draw, clipped).</summary>
    public static int Sessions(this Randomizer random, double mean, int min, int max)
    {
        var extra = Math.Max(mean - min, 0.1);
        var draw = min + (int)Math.Floor(-extra * Math.Log(1.0 - random.Double()));
        return Math.Clamp(draw, min, max);
    }

    public static DateOnly DayIn(this Randomizer random, DateOnly first, DateOnly last) =>
        first.AddDays(random.Int(0, last.DayNumber - first.DayNumber));
}

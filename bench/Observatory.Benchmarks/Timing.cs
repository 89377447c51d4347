using System.Diagnostics;

namespace Observatory.Benchmarks;

/// <summary>Timed runs of a measurement: their median and spread.</summary>
public sealed record Sample(IReadOnlyList<double> Values)
{
    public double Median => Values.Order().ElementAt(Values.Count / 2);

    public double Min => Values.Min();

    public double Max => Values.Max();

    /// <summary>The same runs as a rate (e.g. rows per second from seconds).</summary>
    public Sample Rate(double amount) => new(Values.Select(v => amount / v).ToList());
}

internal static class Timing
{
    /// <summary>Median wall time in milliseconds of <paramref name="repeat"/> runs after one warm-up.</summary>
    public static async Task<double> MedianAsync(int repeat, Func<Task> action) =>
        (await MediansAsync(repeat, action))[0];

    /// <summary>
    /// Median wall times in milliseconds of <paramref name="repeat"/> rounds, each running every action once in turn
    /// after one warm-up round, so that drift in the machine's speed falls on all of them alike.
    /// </summary>
    public static async Task<double[]> MediansAsync(int repeat, params Func<Task>[] actions) =>
        (await SamplesAsync(repeat, warmUp: true, actions)).Select(s => s.Median * 1000).ToArray();

    /// <summary>
    /// Wall times in seconds of <paramref name="repeat"/> alternating rounds of every action (after a warm-up
    /// round when asked): the same drift in the machine's speed falls on each.
    /// </summary>
    public static async Task<Sample[]> SamplesAsync(int repeat, bool warmUp, params Func<Task>[] actions)
    {
        if (warmUp)
        {
            foreach (var action in actions)
            {
                await action();
            }
        }

        var times = actions.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < repeat; round++)
        {
            for (var i = 0; i < actions.Length; i++)
            {
                var clock = Stopwatch.StartNew();
                await actions[i]();
                times[i].Add(clock.Elapsed.TotalSeconds);
            }
        }

        return times.Select(t => new Sample(t)).ToArray();
    }
}

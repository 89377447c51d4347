using System.Diagnostics;

namespace Observatory.Benchmarks;

internal static class Timing
{
    /// <summary>Median wall time in milliseconds of <paramref name="repeat"/> runs after one warm-up.</summary>
    public static async Task<double> MedianAsync(int repeat, Func<Task> action) =>
        (await MediansAsync(repeat, action))[0];

    /// <summary>
    /// Median wall times in milliseconds of <paramref name="repeat"/> rounds, each running every action once in turn
    /// after one warm-up round, so that drift in the machine's speed falls on all of them alike.
    /// </summary>
    public static async Task<double[]> MediansAsync(int repeat, params Func<Task>[] actions)
    {
        foreach (var action in actions)
        {
            await action();
        }

        var times = actions.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < repeat; round++)
        {
            for (var i = 0; i < actions.Length; i++)
            {
                var clock = Stopwatch.StartNew();
                await actions[i]();
                times[i].Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return times.Select(Median).ToArray();
    }

    public static double Median(List<double> times)
    {
        times.Sort();
        return times[times.Count / 2];
    }
}

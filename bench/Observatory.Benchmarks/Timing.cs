using System.Diagnostics;

namespace Observatory.Benchmarks;

internal static class Timing
{
    /// <summary>Median wall time in milliseconds of <paramref name="repeat"/> runs after one warm-up.</summary>
    public static async Task<double> MedianAsync(int repeat, Func<Task> action)
    {
        await action();
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}

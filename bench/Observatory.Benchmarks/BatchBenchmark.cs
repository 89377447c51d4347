using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>
/// Large $batch requests: 100 reads of 5,000 referrals each with every navigation expanded, three batches at once,
/// with the host's resident memory sampled before, throughout and after.
/// </summary>
internal static class BatchBenchmark
{
    private const int Parts = 100;
    private const int Concurrent = 3;
    private const double TargetMemoryMegabytes = 300;

    private static readonly string[] Navigations =
        ["Service", "ReferralSource", "Ethnicity", "AgeBand", "Gender", "SexualOrientation", "Disability", "EmploymentStatus", "AccommodationStatus", "Area", "ReferralDate", "EndReason"];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(FeedProcess host)
    {
        AnsiConsole.MarkupLine($"Batch: {Concurrent} batches at once of {Parts} reads of 5,000 referrals with every navigation expanded ...");
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
        var body = JsonSerializer.Serialize(new
        {
            requests = Enumerable.Range(0, Parts).Select(i => new
            {
                id = $"{i}",
                method = "GET",
                url = $"Referrals?$expand={string.Join(',', Navigations)}&$skiptoken=after-{i * 5000}",
            }),
        });
        var before = host.ResidentMegabytes;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, host.ResidentMegabytes);
                await Task.Delay(50);
            }
        });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var bytes = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(async _ =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("$batch", UriKind.Relative), content);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var counted = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(counted)) > 0)
            {
                total += read;
            }

            return total;
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = host.ResidentMegabytes;

        return
        [
            new("Batch: responses written", bytes.Sum() / 1024.0 / 1024.0, "MB"),
            new("Batch: time for the three at once", elapsed, "s"),
            new("Batch: host memory (peak resident)", peak, "MB", "before", before, $"< {TargetMemoryMegabytes} MB", peak < TargetMemoryMegabytes),
            new("Batch: host memory after", after, "MB", "before", before),
        ];
    }
}

using System.Diagnostics;
using System.Net;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Faults;

/// <summary>
/// The time limit holds for the whole response on every path, and a query stops when its client leaves: a
/// response that cannot finish in time is cut off rather than ended as if complete, and a departed client frees
/// its place at once.
/// </summary>
public class ResponseLimitTests(DemoWarehouses demo)
{
    private const string Slow = "/odata/Appointments?$apply=groupby((Referral/PersonId,Date/Date),aggregate(DurationMinutes with sum as Minutes))";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStreamThatOverrunsTheTimeLimitIsCutOffNotEndedAsComplete()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite), new Dictionary<string, string?> { ["Feed:QueryTimeoutSeconds"] = "0.3" });
        var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/odata/Appointments?$format=csv", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Cancel);
        var stream = await response.Content.ReadAsStreamAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => stream.CopyToAsync(Stream.Null, Cancel));
    }

    [Fact]
    public async Task AQueryPastTheTimeLimitBeforeItsFirstRowIsAnswered503()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite), new Dictionary<string, string?> { ["Feed:QueryTimeoutSeconds"] = "0.05" });

        using var response = await host.CreateClient().GetAsync(new Uri(Slow, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task AQueryStopsWhenItsClientLeaves()
    {
        // One query at a time: a query left running would hold the only place and make the next request wait for it.
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite), new Dictionary<string, string?> { ["Feed:MaxConcurrentQueries"] = "1" });
        var client = host.CreateClient();
        var whole = Stopwatch.StartNew();
        (await client.GetAsync(new Uri(Slow, UriKind.Relative), Cancel)).EnsureSuccessStatusCode();
        whole.Stop();

        using (var leaving = CancellationTokenSource.CreateLinkedTokenSource(Cancel))
        {
            leaving.CancelAfter(whole.Elapsed / 10);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(new Uri(Slow, UriKind.Relative), leaving.Token));
        }

        var next = Stopwatch.StartNew();
        (await client.GetAsync(new Uri("/odata/Services?$top=1", UriKind.Relative), Cancel)).EnsureSuccessStatusCode();
        Assert.True(next.Elapsed < whole.Elapsed / 2,
            $"the next request waited {next.Elapsed.TotalMilliseconds:F0} ms; the abandoned query alone takes {whole.Elapsed.TotalMilliseconds:F0} ms");
    }
}

using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Operations;

/// <summary>
/// Traces and metrics of a feed request. Listeners and meters are process-wide, so these tests run alone: with
/// other tests' hosts answering at the same time, their spans and rows would be counted as well.
/// </summary>
[Collection(nameof(RequestTelemetryTests))]
public class RequestTelemetryTests(DemoWarehouses demo)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachStepOfAFeedRequestIsTracedUnderTheRequestAndItsRowsCounted()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite)).WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(activities)).WithMetrics(m => m.AddInMemoryExporter(metrics))));

        // This request's spans are told apart by the trace it starts in, whatever else the host traces.
        var trace = ActivityTraceId.CreateRandom();
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri("/odata/Referrals?$select=ReferralId&$top=7", UriKind.Relative));
        message.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        (await host.CreateClient().SendAsync(message, Cancel)).EnsureSuccessStatusCode();
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var spans = activities.Where(a => a.TraceId == trace).ToList();
        var request = Assert.Single(spans, a => a.Kind == ActivityKind.Server);
        var steps = spans.Where(a => a.ParentSpanId == request.SpanId).Select(a => a.DisplayName).ToList();
        Assert.Equal(["feed.parse", "feed.plan", "feed.run", "feed.write"], steps);
        Assert.Contains("SELECT", spans.Single(a => a.DisplayName == "feed.plan").GetTagItem("db.query.text") as string, StringComparison.Ordinal);
        var rows = metrics.Single(m => m.Name == "observatory.feed.rows");
        long written = 0;
        foreach (ref readonly var point in rows.GetMetricPoints())
        {
            written += point.GetSumLong();
        }

        Assert.Equal(7, written);
    }
}

[CollectionDefinition(nameof(RequestTelemetryTests), DisableParallelization = true)]
public sealed class TelemetryRunsAlone;

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Observatory.Api.Feed;

/// <summary>
/// The feed's traces and metrics (OpenTelemetry names): a span for each step of a request (parse, plan, run to the
/// first row, write), the time to the first row, and the rows written.
/// </summary>
public static class FeedTelemetry
{
    public const string Name = "Observatory.Feed";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> FirstRow = Meter.CreateHistogram<double>("observatory.feed.first_row.duration", "s",
        "Time from a feed request's arrival to its first row from the database.");

    public static readonly Counter<long> Rows = Meter.CreateCounter<long>("observatory.feed.rows", "{row}", "Rows written by the feed.");

    public static readonly Counter<long> Refused = Meter.CreateCounter<long>("observatory.feed.refused", "{request}",
        "Feed requests answered with an error before any row, by status and code.");
}

using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Observatory.Api.Feed;

namespace Observatory.Api.Extensions;

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry traces, metrics and logs: ASP.NET Core's, the runtime's and the feed's own
    /// (<see cref="FeedTelemetry"/>), exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("observatory"))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(FeedTelemetry.Name))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource(FeedTelemetry.Name));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}

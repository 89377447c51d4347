using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Observatory.Api.Feed.Limits;
using Observatory.Api.Feed.Metadata;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Planning;
using Observatory.Api.Feed.Rows;
using Observatory.Api.Feed.Running;
using Observatory.Api.Feed.Writing;
using Observatory.Api.Security;

namespace Observatory.Api.Feed;

/// <summary>
/// The feed's request path, in the order a request takes it: parse the URL against the model, check the limits,
/// apply the caller's row policy, plan the SQL, run it to its first row, write the response. Each step is a folder
/// of its own beside this file.
/// </summary>
public static class FeedEndpoints
{
    /// <summary>GET or HEAD of any feed resource.</summary>
    public static async Task GetAsync(HttpContext context)
    {
        var (path, query) = Target(context);
        var limits = context.RequestServices.GetRequiredService<IOptions<FeedLimits>>().Value;
        if (path.Length + query.Length > limits.MaxUrlLength)
        {
            await FeedErrors.WriteAsync(context, StatusCodes.Status414UriTooLong, "UrlTooLong",
                $"The URL is {path.Length + query.Length:N0} characters; the limit is {limits.MaxUrlLength:N0}. Send long queries in the body of POST /{FeedRoute.Prefix}/{path.Split('?')[0]}/$query.");
            return;
        }

        await AnswerAsync(context, path, query, fromBody: false);
    }

    /// <summary>POST .../$query (Protocol 11.2.3): the query string in a text/plain body, for queries too long for a URL.</summary>
    public static async Task PostAsync(HttpContext context)
    {
        var (path, _) = Target(context);
        if (!path.EndsWith("/$query", StringComparison.Ordinal))
        {
            await MethodNotAllowedAsync(context);
            return;
        }

        if (context.Request.ContentType is not { } type || !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            await FeedErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                "POST .../$query takes the query options as text/plain, as they would follow '?' in a URL.");
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        if (context.Features.Get<AuditNotes>() is { } notes)
        {
            notes.Query = "?" + body.Trim().TrimStart('?');
        }

        await AnswerAsync(context, path[..^"/$query".Length], body.Trim().TrimStart('?'), fromBody: true);
    }

    /// <summary>Any other method: the feed is read-only.</summary>
    public static Task MethodNotAllowedAsync(HttpContext context)
    {
        context.Response.Headers.Allow = "GET, HEAD";
        return FeedErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed",
            $"The feed is read-only: {context.Request.Method} is not allowed here. Read with GET; send long queries with POST .../$query and several with POST /{FeedRoute.Prefix}/$batch.");
    }

    public static Task MetadataAsync(HttpContext context) => Metadata(context).WriteMetadataAsync(context);

    public static async Task ServiceDocumentAsync(HttpContext context)
    {
        try
        {
            var root = context.RequestServices.GetRequiredService<FeedRequestParser>().ServiceRoot(context.Request);
            await Metadata(context).WriteServiceDocumentAsync(context, root);
        }
        catch (FeedRequestException e)
        {
            await FeedErrors.WriteAsync(context, e.Status, e.Code, e.Message);
        }
    }

    private static async Task AnswerAsync(HttpContext context, string path, string query, bool fromBody)
    {
        var services = context.RequestServices;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            FeedRequest request;
            FeedPlan plan;
            Query.Sql.ControlledCounts? counts;
            using (var parsing = FeedTelemetry.Source.StartActivity("feed.parse"))
            {
                // 1. The URL, against the model.
                request = services.GetRequiredService<FeedRequestParser>().Parse(path, query, fromBody, context.Request);
                // 2. The limits every request is held to, and the sets the caller's role may read (or, at the controlled level, count).
                LimitChecks.Check(request, services.GetRequiredService<IOptions<FeedLimits>>().Value);
                counts = FeedAccess.Check(context, request);
                // 2b. No condition asks by name for another borough, provider or locked value than the caller's.
                await services.GetRequiredService<OutsideScope>().CheckAsync(Security.Caller.Of(context)!, request, context.RequestAborted);
                parsing?.SetTag("odata.entity_set", request.Resource.Set.Name).SetTag("odata.resource", request.Resource.Kind.ToString());
            }

            if (request.Resource.Kind == ResourceKind.Function)
            {
                // 3 to 6 for a function: computed by the host from the facts, at the caller's level and scope, then written.
                using (FeedTelemetry.Source.StartActivity("feed.function"))
                {
                    await services.GetRequiredService<Functions.IndicatorEvaluation>().AnswerAsync(context, request);
                }

                return;
            }

            using (var planning = FeedTelemetry.Source.StartActivity("feed.plan"))
            {
                // 3. The rows this caller may see.
                var rows = await services.GetRequiredService<IRowPolicy>().ConditionForAsync(context, request.Resource.Set, context.RequestAborted);
                // 4. The SQL: from a summary cube when one keeps everything a $apply asks for, otherwise from the set.
                var cubes = request.Apply is null ? [] : await services.GetRequiredService<AvailableCubes>().ForAsync(request.Resource.Set.Name, context.RequestAborted);
                plan = services.GetRequiredService<FeedPlanner>().Plan(request, rows, counts, cubes);
                if (plan.AnsweredFrom is { } cube)
                {
                    context.Response.Headers[AvailableCubes.Header] = cube;
                }

                planning?.SetTag("db.query.text", plan.Rows?.Text ?? plan.Count?.Text);
            }

            // 5. Run to the first row: every failure up to here is answered with an error, before a byte is written.
            QueryRun run;
            using (FeedTelemetry.Source.StartActivity("feed.run"))
            {
                run = await services.GetRequiredService<QueryRunner>().StartAsync(plan, context.RequestAborted);
            }

            await using (run)
            {
                FeedTelemetry.FirstRow.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                using var writing = FeedTelemetry.Source.StartActivity("feed.write");
                // 6. The response, streamed.
                try
                {
                    await services.GetRequiredService<FeedResponses>().WriteAsync(context, plan, run);
                }
                catch (Exception e) when (context.Response.HasStarted && e is OperationCanceledException or IOException or Warehouse.Providers.WarehouseUnavailableException)
                {
                    // Past the first byte the status cannot change: cut the response off, so no client takes it for complete.
                    if (run.TimedOut(context.RequestAborted) || e is not OperationCanceledException)
                    {
                        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FeedEndpoints))
                            .LogWarning("A response was cut off: {Reason} ({Path})", e.Message, context.Request.Path);
                    }

                    context.Abort();
                }
            }
        }
        catch (Exception e) when (!context.Response.HasStarted && FeedFailures.For(e) is { } answer)
        {
            Log(context, answer);
            FeedTelemetry.Refused.Add(1, new("http.response.status_code", answer.Status), new("odata.error.code", answer.Code));
            await FeedErrors.WriteAsync(context, answer.Status, answer.Code, answer.Message, answer.RetryAfter);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; the query was stopped with it.
        }
    }

    /// <summary>The model as the caller's role sees it.</summary>
    private static MetadataDocuments Metadata(HttpContext context) =>
        context.RequestServices.GetRequiredService<RoleMetadata>().For(Security.Caller.Of(context)!.Role);

    /// <summary>The path below the feed's root and the query string, both as sent (still percent-encoded).</summary>
    private static (string Path, string Query) Target(HttpContext context)
    {
        var prefix = $"{context.Request.PathBase}/{FeedRoute.Prefix}/";
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (!raw.StartsWith('/') && Uri.TryCreate(raw, UriKind.Absolute, out var absolute))
        {
            raw = absolute.PathAndQuery;
        }

        if (!raw.StartsWith(prefix, StringComparison.Ordinal))
        {
            // A server that does not keep the raw request line (the test host): the path and query as parsed, escaped again.
            raw = (context.Request.PathBase + context.Request.Path).ToUriComponent() + context.Request.QueryString.Value;
        }

        var split = raw.IndexOf('?', StringComparison.Ordinal);
        var path = split < 0 ? raw : raw[..split];
        var query = split < 0 ? "" : raw[(split + 1)..];
        return (path.Length >= prefix.Length ? path[prefix.Length..] : "", query);
    }

    private static void Log(HttpContext context, FeedFailures.Answer answer)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FeedEndpoints));
        // 501 answers a request for something the feed does not do: the caller's to change, not the operator's.
        if (answer.Status >= 500 && answer.Status != StatusCodes.Status501NotImplemented)
        {
            logger.LogWarning("{Status} {Code}: {Message}", answer.Status, answer.Code, answer.Message);
        }
        else
        {
            logger.LogDebug("{Status} {Code}: {Message}", answer.Status, answer.Code, answer.Message);
        }
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OData;
using Observatory.Api.Feed.Rows;
using Observatory.Api.Feed.Writing;

namespace Observatory.Api.Feed.Reading;

/// <summary>
/// Answers a read the feed serves itself (plain entity-set pages, $apply): plans the query, runs it as one SQL
/// statement and streams the rows as OData JSON or CSV. Anything wrong with the request is answered 4xx before
/// the first byte; a query past the time limit is answered 503 with Retry-After.
/// </summary>
public abstract class FeedResult : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var limits = http.RequestServices.GetRequiredService<IOptions<FeedLimits>>().Value;
        var request = FeedRequest.From(http.Request, limits.PageSize);
        var rows = http.RequestServices.GetRequiredService<FeedRows>();
        FeedPlan plan;
        try
        {
            plan = await PlanAsync(http, request, rows, limits);
        }
        catch (Exception e) when (e is ODataException or FeedLimitException)
        {
            await FeedErrors.WriteAsync(http, StatusCodes.Status400BadRequest, "BadRequest", e.Message);
            return;
        }
        catch (InvalidOperationException e)
        {
            // EF Core could not turn the query into SQL: say so without the expression it could not translate.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<FeedResult>()
                .LogWarning(e, "A feed query could not be translated: {Query}", http.Request.QueryString);
            await FeedErrors.WriteAsync(http, StatusCodes.Status400BadRequest, "NotTranslatable",
                "The database cannot run this query as written. Simplify the filter or grouping, or ask for fewer columns.");
            return;
        }

        await using IRowWriter writer = request.Csv
            ? new CsvRowWriter(http.Response.Body, plan.Shape)
            : new JsonRowWriter(http.Response.Body, plan.Shape, request.OmitNulls);
        var cancel = http.RequestAborted;
        var started = false;
        try
        {
            var outcome = await SqlRunner.RunAsync(rows.Warehouse, plan.Query, writer, StartAsync, plan.Limit, plan.KeyColumn,
                TimeSpan.FromSeconds(limits.QueryTimeoutSeconds), http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SqlRunner.LogCategory), cancel);

            if (outcome.Written == 0 && plan.EmptyRow is { } values)
            {
                await using var single = OneRow(values);
                await single.ReadAsync(cancel);
                await writer.WriteRowAsync(new ReaderRows(single), cancel);
            }

            await writer.EndAsync(outcome.More ? plan.NextLink(outcome) : null, cancel);
        }
        catch (InvalidOperationException e) when (!started)
        {
            // The query could not be turned into SQL or its parameters could not be evaluated (an alias without a value).
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<FeedResult>()
                .LogWarning(e, "A feed query could not be run: {Query}", http.Request.QueryString);
            await FeedErrors.WriteAsync(http, StatusCodes.Status400BadRequest, "NotTranslatable",
                "The database cannot run this query as written. Simplify it, or give every parameter alias a value.");
        }
        catch (QueryTimeoutException e) when (!started)
        {
            await FeedErrors.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "QueryTimeout",
                $"{e.Message} Narrow it with $filter, or try again when the service is less busy.", TimeSpan.FromSeconds(30));
        }

        async Task StartAsync()
        {
            started = true;
            var response = http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = writer.ContentType;
            response.Headers["OData-Version"] = "4.0";
            if (request.PreferenceApplied is { } applied)
            {
                response.Headers["Preference-Applied"] = applied;
            }

            await writer.StartAsync(plan.ContextUrl, plan.Count, cancel);
        }
    }

    private static System.Data.DataTableReader OneRow(object?[] values)
    {
        var table = new System.Data.DataTable();
        foreach (var value in values)
        {
            table.Columns.Add(new System.Data.DataColumn { DataType = value?.GetType() ?? typeof(object) });
        }

        table.Rows.Add(values.Select(v => v ?? DBNull.Value).ToArray());
        return table.CreateDataReader();
    }

    protected abstract Task<FeedPlan> PlanAsync(HttpContext context, FeedRequest request, FeedRows rows, FeedLimits limits);
}

/// <summary>A request beyond one of the feed's limits; the message names the limit.</summary>
public sealed class FeedLimitException(string message) : Exception(message);

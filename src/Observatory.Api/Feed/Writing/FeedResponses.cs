using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.OData.Edm;
using Observatory.Api.Feed.Limits;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Planning;
using Observatory.Api.Feed.Running;
using Observatory.Query.Results;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Writing;

/// <summary>
/// Writes the response for each kind of resource from a query that has reached its first row: a page of a
/// collection (with its next link), one entity, one property, a raw value, a count or a reference.
/// </summary>
public sealed class FeedResponses(Continuations continuations, IOptions<FeedLimits> options)
{
    private readonly FeedLimits _limits = options.Value;

    public Task WriteAsync(HttpContext context, FeedPlan plan, QueryRun run) => plan.Request.Resource.Kind switch
    {
        ResourceKind.Collection => CollectionAsync(context, plan, run),
        ResourceKind.Count => TextAsync(context, plan, run.Count!.Value.ToString(CultureInfo.InvariantCulture)),
        ResourceKind.Entity => EntityAsync(context, plan, run),
        ResourceKind.Reference => ReferenceAsync(context, plan, run),
        ResourceKind.Property => PropertyAsync(context, plan, run),
        _ => ValueAsync(context, plan, run),
    };

    private async Task CollectionAsync(HttpContext context, FeedPlan plan, QueryRun run)
    {
        var request = plan.Request;
        var shape = plan.Shape!;
        Start(context, request, StatusCodes.Status200OK);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var token = run.Token;
        await using IRowWriter writer = request.Format.Kind == MediaKind.Csv
            ? new CsvRowWriter(context.Response.BodyWriter, shape)
            : new JsonRowWriter(context.Response.BodyWriter, shape, request.Format, plan.ContextUrl, request.ServiceRoot, request.Preferences.OmitNulls, single: false);
        await writer.StartAsync(run.Count, token);
        var keyColumn = plan.Paging == Paging.Key ? shape.Root.KeyColumn : null;
        long written = 0;
        long lastKey = 0;
        var more = false;
        while (run.HasRow)
        {
            if (written == plan.Limit)
            {
                more = true;
                break;
            }

            await writer.WriteRowAsync(run.Rows, token);
            if (keyColumn is { } key)
            {
                lastKey = run.Rows.GetInt64(key);
            }

            written++;
            await run.NextAsync();
        }

        await writer.EndAsync(more ? NextLink(plan, written, lastKey) : null, token);
        FeedTelemetry.Rows.Add(written);
        context.Features.Get<Security.AuditNotes>()?.Add(written);
    }

    /// <summary>
    /// A whole collection of rows computed by the host rather than read by one statement (a function's result), in one
    /// response: it is small, so it has no next link.
    /// </summary>
    public async Task ComputedAsync(HttpContext context, FeedRequest request, ResultShape shape, string contextUrl, long? count, IRowReader rows, CancellationToken token)
    {
        Start(context, request, StatusCodes.Status200OK);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using IRowWriter writer = request.Format.Kind == MediaKind.Csv
            ? new CsvRowWriter(context.Response.BodyWriter, shape)
            : new JsonRowWriter(context.Response.BodyWriter, shape, request.Format, contextUrl, request.ServiceRoot, request.Preferences.OmitNulls, single: false);
        await writer.StartAsync(count, token);
        long written = 0;
        while (await rows.ReadAsync())
        {
            await writer.WriteRowAsync(rows, token);
            written++;
        }

        await writer.EndAsync(null, token);
        FeedTelemetry.Rows.Add(written);
        context.Features.Get<Security.AuditNotes>()?.Add(written);
    }

    private async Task EntityAsync(HttpContext context, FeedPlan plan, QueryRun run)
    {
        if (await MissingAsync(context, plan, run))
        {
            return;
        }

        var request = plan.Request;
        Start(context, request, StatusCodes.Status200OK);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using var writer = new JsonRowWriter(context.Response.BodyWriter, plan.Shape!, request.Format, plan.ContextUrl, request.ServiceRoot, request.Preferences.OmitNulls, single: true);
        await writer.StartAsync(null, run.Token);
        await writer.WriteRowAsync(run.Rows, run.Token);
        await writer.EndAsync(null, run.Token);
        context.Features.Get<Security.AuditNotes>()?.Add(1);
    }

    private async Task ReferenceAsync(HttpContext context, FeedPlan plan, QueryRun run)
    {
        if (await MissingAsync(context, plan, run))
        {
            return;
        }

        var request = plan.Request;
        var shape = plan.Shape!;
        var key = shape.Root.KeyColumn!.Value;
        var id = ContextUrl.Id(request.ServiceRoot, request.Resource.TargetSet, Values.Key(run.Rows, key, shape.Columns[key].Kind));
        await JsonAsync(context, request, writer =>
        {
            if (request.Format.Metadata != MetadataLevel.None)
            {
                writer.WriteString("@odata.context", plan.ContextUrl);
            }

            writer.WriteString("@odata.id", id);
        });
    }

    private async Task PropertyAsync(HttpContext context, FeedPlan plan, QueryRun run)
    {
        if (await MissingAsync(context, plan, run))
        {
            return;
        }

        var request = plan.Request;
        var column = plan.Shape!.Columns[1];
        var key = Values.Key(run.Rows, 0, plan.Shape.Columns[0].Kind);
        var contextUrl = ContextUrl.Property(request.ServiceRoot, request.Resource.TargetSet, key, column.Name);
        await JsonAsync(context, request, writer =>
        {
            if (request.Format.Metadata != MetadataLevel.None)
            {
                writer.WriteString("@odata.context", contextUrl);
            }

            if (request.Format.Metadata == MetadataLevel.Full && column.Type.PrimitiveKind() is not (Microsoft.OData.Edm.EdmPrimitiveTypeKind.String
                    or Microsoft.OData.Edm.EdmPrimitiveTypeKind.Boolean or Microsoft.OData.Edm.EdmPrimitiveTypeKind.Double or Microsoft.OData.Edm.EdmPrimitiveTypeKind.Int32))
            {
                writer.WriteString("@odata.type", $"#{column.Type.PrimitiveKind()}");
            }

            writer.WritePropertyName("value");
            var text = Values.Text(run.Rows, 1, column.Kind);
            switch (column.Kind)
            {
                case ColumnKind.Integer when request.Format.Ieee754Compatible && column.Type.PrimitiveKind() is Microsoft.OData.Edm.EdmPrimitiveTypeKind.Int64:
                    writer.WriteStringValue(text);
                    break;
                case ColumnKind.Integer or ColumnKind.Boolean:
                    writer.WriteRawValue(text);
                    break;
                case ColumnKind.Double when double.IsFinite(run.Rows.GetDouble(1)):
                    writer.WriteNumberValue(run.Rows.GetDouble(1));
                    break;
                default:
                    writer.WriteStringValue(text);
                    break;
            }
        });
    }

    private async Task ValueAsync(HttpContext context, FeedPlan plan, QueryRun run)
    {
        if (await MissingAsync(context, plan, run))
        {
            return;
        }

        await TextAsync(context, plan, Values.Text(run.Rows, 1, plan.Shape!.Columns[1].Kind));
    }

    /// <summary>
    /// Answers for an entity or property that is not there: 404 when the keyed entity does not exist, 204 when it does
    /// but the navigation or property is null (Protocol 11.2.4 and 11.2.6.2).
    /// </summary>
    private static async Task<bool> MissingAsync(HttpContext context, FeedPlan plan, QueryRun run)
    {
        var resource = plan.Request.Resource;
        if (!run.HasRow)
        {
            var name = $"{resource.Set.Name}({ContextUrl.Literal(resource.Key!)})";
            await FeedErrors.WriteAsync(context, StatusCodes.Status404NotFound, "NotFound",
                resource.Navigation.Count == 0 || resource.Navigation.All(n => !n.Type.IsNullable)
                    ? $"There is no {name}."
                    : $"There is no {name}, or it has no {string.Join('/', resource.Navigation.Select(n => n.Name))}.");
            return true;
        }

        var shape = plan.Shape!;
        var absent = resource.Kind switch
        {
            ResourceKind.Property or ResourceKind.PropertyValue => run.Rows.IsNull(0) || run.Rows.IsNull(1),
            _ => shape.Root.KeyColumn is { } key && run.Rows.IsNull(key),
        };
        if (absent)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            context.Response.Headers["OData-Version"] = "4.0";
            return true;
        }

        return false;
    }

    private async Task TextAsync(HttpContext context, FeedPlan plan, string text)
    {
        Start(context, plan.Request, StatusCodes.Status200OK);
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.WriteAsync(text, context.RequestAborted);
        }
    }

    private async Task JsonAsync(HttpContext context, FeedRequest request, Action<Utf8JsonWriter> write)
    {
        Start(context, request, StatusCodes.Status200OK);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using var writer = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        write(writer);
        writer.WriteEndObject();
    }

    private void Start(HttpContext context, FeedRequest request, int status)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = request.Format.ContentType;
        response.Headers["OData-Version"] = "4.0";
        if (request.Preferences.Applied(_limits.PageSize, request.Resource.Kind == ResourceKind.Collection) is { } applied)
        {
            response.Headers["Preference-Applied"] = applied;
        }
    }

    /// <summary>
    /// The next page's URL: the same query continuing after the last key ($skiptoken) or after the rows written
    /// ($skip), with $top reduced by what was written. A query too long to repeat continues from a kept token.
    /// </summary>
    private string NextLink(FeedPlan plan, long written, long lastKey)
    {
        var request = plan.Request;
        var query = new Dictionary<string, string>(request.Options, StringComparer.Ordinal);
        if (request.Top is { } top)
        {
            query["$top"] = (top - written).ToString(CultureInfo.InvariantCulture);
        }

        if (plan.Paging == Paging.Key)
        {
            query.Remove("$skip");
            query["$skiptoken"] = FeedPlanner.After(lastKey);
        }
        else
        {
            query["$skip"] = (plan.Skip + written).ToString(CultureInfo.InvariantCulture);
        }

        var queryString = QueryString.Create(query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value))).Value!;
        var path = $"{request.ServiceRoot}/{request.Resource.Set.Name}";
        var link = path + queryString;
        return request.KeepQuery || link.Length > _limits.MaxNextLinkLength
            ? $"{path}?$skiptoken={continuations.Keep(queryString.TrimStart('?'))}"
            : link;
    }
}

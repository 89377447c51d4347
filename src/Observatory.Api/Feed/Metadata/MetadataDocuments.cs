using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Writing;

namespace Observatory.Api.Feed.Metadata;

/// <summary>
/// $metadata as CSDL XML (what Power Query reads, whatever it accepts for data) and CSDL JSON (asked for with
/// $format=json or an Accept header that names JSON and no XML), written once; and the service document.
/// </summary>
public sealed class MetadataDocuments
{
    private readonly IEdmModel _model;
    private readonly byte[] _xml;
    private readonly byte[] _json;

    public MetadataDocuments(IEdmModel model)
    {
        _model = model;
        using (var xml = new MemoryStream())
        {
            using (var writer = XmlWriter.Create(xml, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
            {
                Check(CsdlWriter.TryWriteCsdl(model, writer, CsdlTarget.OData, out var errors), errors);
            }

            _xml = xml.ToArray();
        }

        using (var json = new MemoryStream())
        {
            using (var writer = new Utf8JsonWriter(json))
            {
                Check(CsdlWriter.TryWriteCsdl(model, writer, out var errors), errors);
            }

            _json = json.ToArray();
        }
    }

    public async Task WriteMetadataAsync(HttpContext context)
    {
        var format = context.Request.Query["$format"].ToString();
        var accept = context.Request.Headers.Accept.ToString();
        if (context.Request.Query.Keys.Any(k => k != "$format"))
        {
            await FeedErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "BadRequest", "$metadata takes no query options but $format.");
            return;
        }

        bool json;
        switch (format)
        {
            case "json" or "application/json":
                json = true;
                break;
            case "xml" or "application/xml" or "":
                json = format.Length == 0 && accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("xml", StringComparison.OrdinalIgnoreCase) && !accept.Contains("*/*", StringComparison.Ordinal);
                break;
            default:
                await FeedErrors.WriteAsync(context, StatusCodes.Status406NotAcceptable, "NotAcceptable", $"$format '{format}' is not available for $metadata: use xml or json.");
                return;
        }

        context.Response.Headers["OData-Version"] = "4.0";
        context.Response.ContentType = json ? "application/json" : "application/xml";
        context.Response.ContentLength = (json ? _json : _xml).Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(json ? _json : _xml, context.RequestAborted);
        }
    }

    /// <summary>The service document (JSON Format 5): every entity set, by name and URL.</summary>
    public async Task WriteServiceDocumentAsync(HttpContext context, string serviceRoot)
    {
        var format = FeedFormat.Negotiate(context.Request.Query["$format"].ToString(), context.Request.Headers.Accept, [MediaKind.Json]);
        context.Response.Headers["OData-Version"] = "4.0";
        context.Response.ContentType = format.ContentType;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        if (format.Metadata != MetadataLevel.None)
        {
            writer.WriteString("@odata.context", $"{serviceRoot}/$metadata");
        }

        writer.WriteStartArray("value");
        foreach (var set in _model.EntityContainer.EntitySets())
        {
            writer.WriteStartObject();
            writer.WriteString("name", set.Name);
            writer.WriteString("kind", "EntitySet");
            writer.WriteString("url", set.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Check(bool written, IEnumerable<Microsoft.OData.Edm.Validation.EdmError> errors)
    {
        if (!written)
        {
            throw new InvalidOperationException("The model cannot be written as CSDL: " + string.Join("; ", errors));
        }
    }
}

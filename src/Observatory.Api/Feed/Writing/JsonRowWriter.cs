using System.Text.Json;
using Observatory.Api.Feed.Reading;

namespace Observatory.Api.Feed.Writing;

/// <summary>
/// OData JSON (minimal metadata) written value by value from the database row by row: no entity objects, no
/// buffering of the page, flushed to the client every few tens of kilobytes, so memory stays flat whatever
/// the size of the result.
/// </summary>
public sealed class JsonRowWriter(Stream body, ResultShape shape, bool omitNulls) : IRowWriter
{
    private const int FlushAt = 32 * 1024;

    // Property names encoded once, not once per row.
    private readonly Dictionary<ResultShape.Node, JsonEncodedText> _names = Names(shape.Root);
    // Relaxed escaping keeps next links readable ('&' stays '&'); the body is JSON, never embedded in HTML.
    private readonly Utf8JsonWriter _json = new(body, new JsonWriterOptions
    {
        SkipValidation = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public string ContentType => "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

    public async Task StartAsync(string contextUrl, long? count, CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        _json.WriteString("@odata.context", contextUrl);
        if (count is { } total)
        {
            _json.WriteNumber("@odata.count", total);
        }

        _json.WriteStartArray("value");
        await _json.FlushAsync(cancellationToken);
    }

    public async ValueTask WriteRowAsync(IRowSource row, CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        WriteProperties(shape.Root, row);
        _json.WriteEndObject();
        if (_json.BytesPending > FlushAt)
        {
            await _json.FlushAsync(cancellationToken);
        }
    }

    public async Task EndAsync(string? nextLink, CancellationToken cancellationToken)
    {
        _json.WriteEndArray();
        if (nextLink is not null)
        {
            _json.WriteString("@odata.nextLink", nextLink);
        }

        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();

    private void WriteProperties(ResultShape.Node node, IRowSource row)
    {
        foreach (var child in node.Children)
        {
            var name = _names[child];
            if (child.IsObject)
            {
                if (child.Presence is { } presence && row.IsNull(presence))
                {
                    if (!omitNulls)
                    {
                        _json.WriteNull(name);
                    }

                    continue;
                }

                _json.WriteStartObject(name);
                WriteProperties(child, row);
                _json.WriteEndObject();
                continue;
            }

            var column = child.Column;
            if (row.IsNull(column))
            {
                if (!omitNulls)
                {
                    _json.WriteNull(name);
                }

                continue;
            }

            switch (shape.Columns[column].Kind)
            {
                case ColumnKind.Integer: _json.WriteNumber(name, row.GetInt64(column)); break;
                case ColumnKind.Boolean: _json.WriteBoolean(name, row.GetInt64(column) != 0); break;
                case ColumnKind.Double: _json.WriteNumber(name, row.GetDouble(column)); break;
                case ColumnKind.Date: _json.WriteString(name, Values.Date(row, column)); break;
                case ColumnKind.Timestamp: _json.WriteString(name, Values.Timestamp(row, column)); break;
                default: _json.WriteString(name, row.GetUtf8(column)); break;
            }
        }
    }

    private static Dictionary<ResultShape.Node, JsonEncodedText> Names(ResultShape.Node root)
    {
        var names = new Dictionary<ResultShape.Node, JsonEncodedText>();
        void Add(ResultShape.Node node)
        {
            foreach (var child in node.Children)
            {
                names[child] = JsonEncodedText.Encode(child.Name, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
                Add(child);
            }
        }

        Add(root);
        return names;
    }
}

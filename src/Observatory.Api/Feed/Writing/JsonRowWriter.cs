using System.Data.Common;
using System.Text.Json;
using Observatory.Api.Feed.Reading;

namespace Observatory.Api.Feed.Writing;

/// <summary>
/// OData JSON (minimal metadata) written value by value from the database reader: no entity objects, no
/// buffering of the page, flushed to the client every few tens of kilobytes, so memory stays flat whatever
/// the size of the result.
/// </summary>
public sealed class JsonRowWriter(Stream body, ResultShape shape, bool omitNulls) : IRowWriter
{
    private const int FlushAt = 32 * 1024;
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

    public async ValueTask WriteRowAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        WriteProperties(shape.Root, reader);
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

    private void WriteProperties(ResultShape.Node node, DbDataReader reader)
    {
        foreach (var child in node.Children)
        {
            if (child.IsObject)
            {
                if (child.Presence is { } presence && reader.IsDBNull(presence))
                {
                    if (!omitNulls)
                    {
                        _json.WriteNull(child.Name);
                    }

                    continue;
                }

                _json.WriteStartObject(child.Name);
                WriteProperties(child, reader);
                _json.WriteEndObject();
                continue;
            }

            var column = child.Column;
            if (reader.IsDBNull(column))
            {
                if (!omitNulls)
                {
                    _json.WriteNull(child.Name);
                }

                continue;
            }

            switch (shape.Columns[column].Kind)
            {
                case ColumnKind.Integer: _json.WriteNumber(child.Name, reader.GetInt64(column)); break;
                case ColumnKind.Boolean: _json.WriteBoolean(child.Name, reader.GetBoolean(column)); break;
                case ColumnKind.Double: _json.WriteNumber(child.Name, reader.GetDouble(column)); break;
                case ColumnKind.Date: _json.WriteString(child.Name, Values.Date(reader, column)); break;
                case ColumnKind.Timestamp: _json.WriteString(child.Name, Values.Timestamp(reader, column)); break;
                default: _json.WriteString(child.Name, reader.GetString(column)); break;
            }
        }
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.OData.Edm;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Planning;
using Observatory.Query.Results;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Writing;

/// <summary>
/// OData JSON (JSON Format 4.01, written as 4.0) from the database row by row: no entity objects, no buffering of
/// the page, flushed to the client every few tens of kilobytes, so memory stays flat whatever the size of the
/// result. Control information follows the metadata level asked for (3.1): with none, only the count and the next
/// link; with minimal, the context, and the type of values JSON cannot tell (4.5.3) and the null id of the rows
/// a $apply makes (4.5.8); with full, every entity's type, id, read link and navigation links, and the type of every
/// value that is not a string, boolean, 32-bit integer or double. IEEE754Compatible=true writes 64-bit integers
/// and decimals, the count among them, as strings (3.2).
/// </summary>
public sealed class JsonRowWriter : IRowWriter
{
    private const int FlushAt = 32 * 1024;
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private static readonly JsonEncodedText Context = Name("@odata.context");
    private static readonly JsonEncodedText CountName = Name("@odata.count");
    private static readonly JsonEncodedText NextLink = Name("@odata.nextLink");
    private static readonly JsonEncodedText Id = Name("@odata.id");
    private static readonly JsonEncodedText ReadLink = Name("@odata.readLink");
    private static readonly JsonEncodedText TypeName = Name("@odata.type");
    private static readonly JsonEncodedText ValueName = Name("value");

    private readonly ResultShape _shape;
    private readonly FeedFormat _format;
    private readonly bool _omitNulls;
    private readonly bool _single;
    private readonly string _contextUrl;
    private readonly string _root;
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<ResultShape.Node, NodeNames> _names = [];

    /// <param name="body">The response body.</param>
    /// <param name="shape">The result's columns and nesting.</param>
    /// <param name="format">The JSON asked for.</param>
    /// <param name="contextUrl">The @odata.context.</param>
    /// <param name="serviceRoot">The feed's root, for entities' ids and links.</param>
    /// <param name="omitNulls">Prefer: omit-values=nulls.</param>
    /// <param name="single">One entity (the row's properties at the top level) rather than a collection.</param>
    public JsonRowWriter(Stream body, ResultShape shape, FeedFormat format, string contextUrl, string serviceRoot, bool omitNulls, bool single)
    {
        _shape = shape;
        _format = format;
        _contextUrl = contextUrl;
        _root = serviceRoot;
        _omitNulls = omitNulls;
        _single = single;
        // Relaxed escaping keeps links readable ('&' stays '&'); the body is JSON, never embedded in HTML.
        _json = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true, Encoder = Encoder });
        Prepare(shape.Root);
    }

    private bool Full => _format.Metadata == MetadataLevel.Full;

    public async Task StartAsync(long? count, CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        if (_format.Metadata != MetadataLevel.None)
        {
            _json.WriteString(Context, _contextUrl);
        }

        if (count is { } total)
        {
            if (_format.Ieee754Compatible)
            {
                _json.WriteString(CountName, total.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                _json.WriteNumber(CountName, total);
            }
        }

        if (!_single)
        {
            _json.WriteStartArray(ValueName);
        }

        await _json.FlushAsync(cancellationToken);
    }

    public async ValueTask WriteRowAsync(IRowReader row, CancellationToken cancellationToken)
    {
        if (!_single)
        {
            _json.WriteStartObject();
        }

        WriteMembers(_shape.Root, row);
        if (!_single)
        {
            _json.WriteEndObject();
        }

        if (_json.BytesPending > FlushAt)
        {
            await _json.FlushAsync(cancellationToken);
        }
    }

    public async Task EndAsync(string? nextLink, CancellationToken cancellationToken)
    {
        if (!_single)
        {
            _json.WriteEndArray();
        }

        if (nextLink is not null)
        {
            _json.WriteString(NextLink, nextLink);
        }

        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();

    private void WriteMembers(ResultShape.Node node, IRowReader row)
    {
        var names = _names[node];
        string? id = null;
        if (node.Transient)
        {
            // JSON Format 4.5.8: in 4.0 payloads a transient entity has a null id.
            if (_format.Metadata != MetadataLevel.None)
            {
                _json.WriteNull(Id);
            }
        }
        else if (Full && node is { EntitySet: { } set, KeyColumn: { } key })
        {
            id = ContextUrl.Id(_root, set, Values.Key(row, key, _shape.Columns[key].Kind));
            _json.WriteString(TypeName, names.EntityType);
            _json.WriteString(Id, id);
            _json.WriteString(ReadLink, id);
        }

        foreach (var child in node.Children)
        {
            if (child.IsObject)
            {
                if (id is not null)
                {
                    WriteLinks(_names[child].Name, id, child.Name);
                }

                if (child.Presence is { } presence && row.IsNull(presence))
                {
                    if (!_omitNulls)
                    {
                        _json.WriteNull(_names[child].Name);
                    }

                    continue;
                }

                _json.WriteStartObject(_names[child].Name);
                WriteMembers(child, row);
                _json.WriteEndObject();
                continue;
            }

            WriteValue(child, row);
        }

        if (id is not null)
        {
            foreach (var navigation in names.Unexpanded)
            {
                WriteLinks(JsonEncodedText.Encode(navigation, Encoder), id, navigation);
            }
        }
    }

    private void WriteLinks(JsonEncodedText name, string id, string navigation)
    {
        _json.WriteString(Name(name.ToString() + "@odata.associationLink"), $"{id}/{navigation}/$ref");
        _json.WriteString(Name(name.ToString() + "@odata.navigationLink"), $"{id}/{navigation}");
    }

    private void WriteValue(ResultShape.Node child, IRowReader row)
    {
        var column = child.Column;
        var names = _names[child];
        if (row.IsNull(column))
        {
            if (!_omitNulls)
            {
                _json.WriteNull(names.Name);
            }

            return;
        }

        if (names.TypeAnnotation is { } annotation)
        {
            _json.WriteString(names.Annotation, annotation);
        }

        var type = _shape.Columns[column].Type.PrimitiveKind();
        switch (_shape.Columns[column].Kind)
        {
            case ColumnKind.Integer when _format.Ieee754Compatible && type is EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Decimal:
                _json.WriteString(names.Name, row.GetInt64(column).ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ColumnKind.Integer:
                _json.WriteNumber(names.Name, row.GetInt64(column));
                break;
            case ColumnKind.Boolean:
                _json.WriteBoolean(names.Name, row.GetInt64(column) != 0);
                break;
            case ColumnKind.Double:
                var number = row.GetDouble(column);
                if (double.IsFinite(number))
                {
                    _json.WriteNumber(names.Name, number);
                }
                else
                {
                    _json.WriteString(names.Name, Values.Number(number));
                }

                break;
            case ColumnKind.Date:
                _json.WriteString(names.Name, Values.Date(row, column));
                break;
            case ColumnKind.Timestamp:
                _json.WriteString(names.Name, Values.Timestamp(row, column));
                break;
            default:
                _json.WriteString(names.Name, row.GetUtf8(column));
                break;
        }
    }

    /// <summary>Encodes every name, annotation and type name once, not once per row.</summary>
    private void Prepare(ResultShape.Node node)
    {
        var names = new NodeNames(Name(node.Name));
        if (node.IsObject)
        {
            if (node.EntitySet is { } set && !node.Transient)
            {
                names.EntityType = $"#{set.EntityType.FullName()}";
                var expanded = node.Children.Where(c => c.IsObject).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
                names.Unexpanded = set.EntityType.NavigationProperties().Select(n => n.Name).Where(n => !expanded.Contains(n)).ToList();
            }

            foreach (var child in node.Children)
            {
                Prepare(child);
            }
        }
        else
        {
            var column = _shape.Columns[node.Column];
            if (TypeAnnotation(column) is { } annotation)
            {
                names.TypeAnnotation = annotation;
                names.Annotation = Name(node.Name + "@odata.type");
            }
        }

        _names[node] = names;
    }

    /// <summary>The @odata.type a value needs at this metadata level, or null (JSON Format 4.5.3).</summary>
    private string? TypeAnnotation(ResultColumn column)
    {
        var kind = column.Type.PrimitiveKind();
        var implied = kind is EdmPrimitiveTypeKind.String or EdmPrimitiveTypeKind.Boolean or EdmPrimitiveTypeKind.Double;
        var needed = _format.Metadata switch
        {
            MetadataLevel.Full => !implied && kind != EdmPrimitiveTypeKind.Int32,
            MetadataLevel.Minimal => column.Dynamic && !implied,
            _ => false,
        };
        return needed ? $"#{kind}" : null;
    }

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name, Encoder);

    private sealed class NodeNames(JsonEncodedText name)
    {
        public JsonEncodedText Name { get; } = name;

        public string EntityType { get; set; } = "";

        public IReadOnlyList<string> Unexpanded { get; set; } = [];

        public string? TypeAnnotation { get; set; }

        public JsonEncodedText Annotation { get; set; }
    }
}

using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.OData.Edm;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Planning;
using Observatory.Query.Results;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Writing;

/// <summary>
/// OData JSON (JSON Format 4.01, written as 4.0) from the database row by row, straight into the response's pipe:
/// no entity objects, no buffering of the page, flushed to the client every few tens of kilobytes, so memory stays
/// flat whatever the size of the result. Control information follows the metadata level asked for (3.1): with none,
/// only the count and the next link; with minimal, the context, the type of values JSON cannot tell (4.5.3) and
/// the null id of the rows a $apply makes (4.5.8); with full, every entity's type, id, read link and navigation
/// links, and the type of every value that is not a string, boolean, 32-bit integer or double. IEEE754Compatible=true
/// writes 64-bit integers and decimals, the count among them, as strings (3.2). What to write for each column is
/// worked out once per response (<see cref="Member"/>), not once per value.
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

    private readonly PipeWriter _body;
    private readonly ResultShape _shape;
    private readonly FeedFormat _format;
    private readonly bool _omitNulls;
    private readonly bool _single;
    private readonly string _contextUrl;
    private readonly string _root;
    private readonly Utf8JsonWriter _json;
    private readonly ObjectPlan _plan;

    /// <param name="body">The response's pipe.</param>
    /// <param name="shape">The result's columns and nesting.</param>
    /// <param name="format">The JSON asked for.</param>
    /// <param name="contextUrl">The @odata.context.</param>
    /// <param name="serviceRoot">The feed's root, for entities' ids and links.</param>
    /// <param name="omitNulls">Prefer: omit-values=nulls.</param>
    /// <param name="single">One entity (the row's properties at the top level) rather than a collection.</param>
    public JsonRowWriter(PipeWriter body, ResultShape shape, FeedFormat format, string contextUrl, string serviceRoot, bool omitNulls, bool single)
    {
        _body = body;
        _shape = shape;
        _format = format;
        _contextUrl = contextUrl;
        _root = serviceRoot;
        _omitNulls = omitNulls;
        _single = single;
        // Relaxed escaping keeps links readable ('&' stays '&'); the body is JSON, never embedded in HTML.
        _json = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true, Encoder = Encoder });
        _plan = Plan(shape.Root);
    }

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
                WriteIntegerText(CountName, total);
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

        await FlushAsync(cancellationToken);
    }

    public ValueTask WriteRowAsync(IRowReader row, CancellationToken cancellationToken)
    {
        if (!_single)
        {
            _json.WriteStartObject();
        }

        WriteMembers(_plan, row);
        if (!_single)
        {
            _json.WriteEndObject();
        }

        return _json.BytesPending > FlushAt ? new ValueTask(FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
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
        await FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _json.Flush();
        await _body.FlushAsync(cancellationToken);
    }

    private void WriteMembers(ObjectPlan plan, IRowReader row)
    {
        string? id = null;
        if (plan.Transient)
        {
            // JSON Format 4.5.8: in 4.0 payloads a transient entity has a null id.
            if (_format.Metadata != MetadataLevel.None)
            {
                _json.WriteNull(Id);
            }
        }
        else if (plan.EntityType is { } entityType)
        {
            id = ContextUrl.Id(_root, plan.Set!, Values.Key(row, plan.KeyColumn, plan.KeyKind));
            _json.WriteString(TypeName, entityType);
            _json.WriteString(Id, id);
            _json.WriteString(ReadLink, id);
        }

        foreach (var member in plan.Members)
        {
            if (member.Object is { } nested)
            {
                if (id is not null)
                {
                    WriteLinks(id, member.Name.Value);
                }

                if (nested.Presence is { } presence && row.IsNull(presence))
                {
                    if (!_omitNulls)
                    {
                        _json.WriteNull(member.Name);
                    }

                    continue;
                }

                _json.WriteStartObject(member.Name);
                WriteMembers(nested, row);
                _json.WriteEndObject();
                continue;
            }

            WriteValue(member, row);
        }

        if (id is not null)
        {
            foreach (var navigation in plan.Unexpanded)
            {
                WriteLinks(id, navigation);
            }
        }
    }

    private void WriteValue(Member member, IRowReader row)
    {
        var column = member.Column;
        if (member.Nullable && row.IsNull(column))
        {
            if (!_omitNulls)
            {
                _json.WriteNull(member.Name);
            }

            return;
        }

        if (member.Annotated)
        {
            _json.WriteString(member.Annotation, member.AnnotationValue);
        }

        switch (member.Write)
        {
            case Write.Integer:
                _json.WriteNumber(member.Name, row.GetInt64(column));
                break;
            case Write.IntegerText:
                WriteIntegerText(member.Name, row.GetInt64(column));
                break;
            case Write.Boolean:
                _json.WriteBoolean(member.Name, row.GetInt64(column) != 0);
                break;
            case Write.Double:
                var number = row.GetDouble(column);
                if (double.IsFinite(number))
                {
                    _json.WriteNumber(member.Name, number);
                }
                else
                {
                    _json.WriteString(member.Name, Values.Number(number));
                }

                break;
            case Write.Date:
                _json.WriteString(member.Name, Values.Date(row, column));
                break;
            case Write.Timestamp:
                _json.WriteString(member.Name, Values.Timestamp(row, column));
                break;
            default:
                _json.WriteString(member.Name, row.GetUtf8(column));
                break;
        }
    }

    private void WriteIntegerText(JsonEncodedText name, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var length);
        _json.WriteString(name, digits[..length]);
    }

    private void WriteLinks(string id, string navigation)
    {
        _json.WriteString(navigation + "@odata.associationLink", $"{id}/{navigation}/$ref");
        _json.WriteString(navigation + "@odata.navigationLink", $"{id}/{navigation}");
    }

    /// <summary>How to write each column and object of the shape, worked out once for the response.</summary>
    private ObjectPlan Plan(ResultShape.Node node)
    {
        var plan = new ObjectPlan
        {
            Presence = node.Presence,
            Transient = node.Transient,
            Set = node.EntitySet,
            Members = node.Children.Select(child => child.IsObject
                ? new Member { Name = Name(child.Name), Object = Plan(child) }
                : Value(child)).ToArray(),
        };
        if (_format.Metadata == MetadataLevel.Full && node is { EntitySet: { } set, KeyColumn: { } key, Transient: false })
        {
            plan.EntityType = $"#{set.EntityType.FullName()}";
            plan.KeyColumn = key;
            plan.KeyKind = _shape.Columns[key].Kind;
            var expanded = node.Children.Where(c => c.IsObject).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            plan.Unexpanded = set.EntityType.NavigationProperties().Select(n => n.Name).Where(n => !expanded.Contains(n)).ToArray();
        }

        return plan;
    }

    private Member Value(ResultShape.Node node)
    {
        var column = _shape.Columns[node.Column];
        var kind = column.Type.PrimitiveKind();
        var annotation = TypeAnnotation(column);
        return new Member
        {
            Name = Name(node.Name),
            Column = node.Column,
            Nullable = column.Type.IsNullable,
            Annotated = annotation is not null,
            Annotation = annotation is null ? default : Name(node.Name + "@odata.type"),
            AnnotationValue = annotation is null ? default : Name(annotation),
            Write = column.Kind switch
            {
                ColumnKind.Integer when _format.Ieee754Compatible && kind is EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Decimal => Write.IntegerText,
                ColumnKind.Integer => Write.Integer,
                ColumnKind.Boolean => Write.Boolean,
                ColumnKind.Double => Write.Double,
                ColumnKind.Date => Write.Date,
                ColumnKind.Timestamp => Write.Timestamp,
                _ => Write.Text,
            },
        };
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

    private enum Write : byte
    {
        Integer,
        IntegerText,
        Boolean,
        Double,
        Date,
        Timestamp,
        Text,
    }

    private sealed class Member
    {
        public JsonEncodedText Name { get; init; }

        public int Column { get; init; }

        public Write Write { get; init; }

        /// <summary>Whether the column can hold null (otherwise its value is read without asking).</summary>
        public bool Nullable { get; init; }

        public bool Annotated { get; init; }

        public JsonEncodedText Annotation { get; init; }

        public JsonEncodedText AnnotationValue { get; init; }

        /// <summary>A nested object (an expanded entity, a grouped navigation) rather than a value.</summary>
        public ObjectPlan? Object { get; init; }
    }

    private sealed class ObjectPlan
    {
        public Member[] Members { get; init; } = [];

        public int? Presence { get; init; }

        public bool Transient { get; init; }

        public IEdmEntitySet? Set { get; init; }

        /// <summary>For full metadata: the entity's type name, key column and navigations not expanded.</summary>
        public string? EntityType { get; set; }

        public int KeyColumn { get; set; }

        public ColumnKind KeyKind { get; set; }

        public string[] Unexpanded { get; set; } = [];
    }
}

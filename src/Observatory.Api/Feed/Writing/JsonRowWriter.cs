using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.OData.Edm;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Planning;
using Observatory.Query.Results;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Writing;

/// <summary>
/// OData JSON (JSON Format 4.01, written as 4.0) from the database row by row, sent in blocks
/// (<see cref="ResponseBuffer"/>): no entity objects, no buffering of the page, so memory stays flat whatever the size
/// of the result. Control information follows the metadata level asked for (3.1): with none, only the count and the
/// next link; with minimal, the context, the type of values JSON cannot tell (4.5.3) and the null id of the rows a
/// $apply makes (4.5.8); with full, every entity's type, id, read link and navigation links, and the type of every
/// value that is not a string, boolean, 32-bit integer or double. IEEE754Compatible=true writes 64-bit integers and
/// decimals, the count among them, as strings (3.2).
/// </summary>
/// <remarks>
/// Each property is written from bytes prepared once per response (<c>"Name":</c>, already escaped) and its value
/// formatted by the runtime's UTF-8 formatters; text needing escapes goes through the runtime's JSON encoder. Framing
/// every value through Utf8JsonWriter took a seventh of an export's time; this keeps JSON's rules in one small place.
/// </remarks>
public sealed class JsonRowWriter : IRowWriter
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private readonly ResponseBuffer _body;
    private readonly ResultShape _shape;
    private readonly FeedFormat _format;
    private readonly bool _omitNulls;
    private readonly bool _single;
    private readonly string _contextUrl;
    private readonly string _root;
    private readonly ObjectPlan _plan;
    private bool _firstRow = true;

    /// <param name="body">The response's pipe.</param>
    /// <param name="shape">The result's columns and nesting.</param>
    /// <param name="format">The JSON asked for.</param>
    /// <param name="contextUrl">The @odata.context.</param>
    /// <param name="serviceRoot">The feed's root, for entities' ids and links.</param>
    /// <param name="omitNulls">Prefer: omit-values=nulls.</param>
    /// <param name="single">One entity (the row's properties at the top level) rather than a collection.</param>
    public JsonRowWriter(PipeWriter body, ResultShape shape, FeedFormat format, string contextUrl, string serviceRoot, bool omitNulls, bool single)
    {
        _body = new ResponseBuffer(body);
        _shape = shape;
        _format = format;
        _contextUrl = contextUrl;
        _root = serviceRoot;
        _omitNulls = omitNulls;
        _single = single;
        _plan = Plan(shape.Root);
    }

    public async Task StartAsync(long? count, CancellationToken cancellationToken)
    {
        Write("{"u8);
        var first = true;
        if (_format.Metadata != MetadataLevel.None)
        {
            WriteString(ref first, "@odata.context", _contextUrl);
        }

        if (count is { } total)
        {
            Name(ref first, "@odata.count");
            if (_format.Ieee754Compatible)
            {
                Write("\""u8);
                Format(total);
                Write("\""u8);
            }
            else
            {
                Format(total);
            }
        }

        if (_single)
        {
            // The entity's own properties follow those of the envelope.
            _firstRow = first;
        }
        else
        {
            Name(ref first, "value");
            Write("["u8);
        }

        await _body.SendAsync(cancellationToken);
    }

    public ValueTask WriteRowAsync(IRowReader row, CancellationToken cancellationToken)
    {
        if (_single)
        {
            var first = _firstRow;
            WriteMembers(_plan, row, ref first);
        }
        else
        {
            Write(_firstRow ? "{"u8 : ",{"u8);
            _firstRow = false;
            var first = true;
            WriteMembers(_plan, row, ref first);
            Write("}"u8);
        }

        return _body.IsFull ? _body.SendAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public async Task EndAsync(string? nextLink, CancellationToken cancellationToken)
    {
        if (!_single)
        {
            Write("]"u8);
            if (nextLink is not null)
            {
                var notFirst = false;
                WriteString(ref notFirst, "@odata.nextLink", nextLink);
            }
        }

        Write("}"u8);
        await _body.SendAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _body.Dispose();
        return ValueTask.CompletedTask;
    }

    private void WriteMembers(ObjectPlan plan, IRowReader row, ref bool first)
    {
        string? id = null;
        if (plan.Transient)
        {
            // JSON Format 4.5.8: in 4.0 payloads a transient entity has a null id.
            if (_format.Metadata != MetadataLevel.None)
            {
                Name(ref first, "@odata.id");
                Write("null"u8);
            }
        }
        else if (plan.EntityType is { } entityType)
        {
            id = ContextUrl.Id(_root, plan.Set!, Values.Key(row, plan.KeyColumn, plan.KeyKind));
            WriteString(ref first, "@odata.type", entityType);
            WriteString(ref first, "@odata.id", id);
            WriteString(ref first, "@odata.readLink", id);
        }

        foreach (var member in plan.Members)
        {
            if (member.Object is { } nested)
            {
                if (id is not null)
                {
                    WriteLinks(ref first, id, member.Text);
                }

                if (nested.Presence is { } presence && row.IsNull(presence))
                {
                    if (!_omitNulls)
                    {
                        Write(first ? member.Name : member.NextName);
                        first = false;
                        Write("null"u8);
                    }

                    continue;
                }

                Write(first ? member.Name : member.NextName);
                first = false;
                Write("{"u8);
                var nestedFirst = true;
                WriteMembers(nested, row, ref nestedFirst);
                Write("}"u8);
                continue;
            }

            WriteValue(member, row, ref first);
        }

        if (id is not null)
        {
            foreach (var navigation in plan.Unexpanded)
            {
                WriteLinks(ref first, id, navigation);
            }
        }
    }

    private void WriteValue(Member member, IRowReader row, ref bool first)
    {
        var column = member.Column;
        if (member.Nullable && row.IsNull(column))
        {
            if (!_omitNulls)
            {
                Write(first ? member.Name : member.NextName);
                first = false;
                Write("null"u8);
            }

            return;
        }

        if (member.Annotation is { } annotation)
        {
            Write(first ? annotation : member.NextAnnotation!);
            first = false;
        }

        Write(first ? member.Name : member.NextName);
        first = false;
        switch (member.Form)
        {
            case Form.Integer:
                Format(row.GetInt64(column));
                break;
            case Form.IntegerText:
                Write("\""u8);
                Format(row.GetInt64(column));
                Write("\""u8);
                break;
            case Form.Boolean:
                Write(row.GetInt64(column) != 0 ? "true"u8 : "false"u8);
                break;
            case Form.Double:
                var number = row.GetDouble(column);
                if (double.IsFinite(number))
                {
                    var span = _body.GetSpan(32);
                    number.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
                    _body.Advance(written);
                }
                else
                {
                    Text(Encoding.UTF8.GetBytes(Values.Number(number)));
                }

                break;
            case Form.Date:
                Text(Encoding.UTF8.GetBytes(Values.Date(row, column)));
                break;
            case Form.Timestamp:
                Text(Encoding.UTF8.GetBytes(Values.Timestamp(row, column)));
                break;
            default:
                Text(row.GetUtf8(column));
                break;
        }
    }

    /// <summary>A JSON string: the text between quotes, escaped by the runtime's JSON encoder where it needs escapes.</summary>
    private void Text(ReadOnlySpan<byte> utf8)
    {
        Write("\""u8);
        if (Encoder.FindFirstCharacterToEncodeUtf8(utf8) < 0)
        {
            Write(utf8);
        }
        else
        {
            Write(JsonEncodedText.Encode(utf8, Encoder).EncodedUtf8Bytes);
        }

        Write("\""u8);
    }

    private void WriteString(ref bool first, string name, string value)
    {
        Name(ref first, name);
        Text(Encoding.UTF8.GetBytes(value));
    }

    private void Name(ref bool first, string name)
    {
        Write(Encoding.UTF8.GetBytes(Prefix(name, first)));
        first = false;
    }

    private void WriteLinks(ref bool first, string id, string navigation)
    {
        WriteString(ref first, navigation + "@odata.associationLink", $"{id}/{navigation}/$ref");
        WriteString(ref first, navigation + "@odata.navigationLink", $"{id}/{navigation}");
    }

    private void Format(long value)
    {
        var span = _body.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        _body.Advance(written);
    }

    private void Write(ReadOnlySpan<byte> bytes) => _body.Write(bytes);

    /// <summary><c>"name":</c>, escaped, with the comma that precedes every property but the first.</summary>
    private static string Prefix(string name, bool first) =>
        (first ? "" : ",") + "\"" + JsonEncodedText.Encode(name, Encoder).Value + "\":";

    /// <summary>How to write each column and object of the shape, worked out once for the response.</summary>
    private ObjectPlan Plan(ResultShape.Node node)
    {
        var plan = new ObjectPlan
        {
            Presence = node.Presence,
            Transient = node.Transient,
            Set = node.EntitySet,
            Members = node.Children.Select(child => child.IsObject
                ? new Member { Text = child.Name, Name = Bytes(Prefix(child.Name, true)), NextName = Bytes(Prefix(child.Name, false)), Object = Plan(child) }
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
            Text = node.Name,
            Name = Bytes(Prefix(node.Name, true)),
            NextName = Bytes(Prefix(node.Name, false)),
            Column = node.Column,
            Nullable = column.Type.IsNullable,
            Annotation = annotation is null ? null : Bytes(Prefix(node.Name + "@odata.type", true) + $"\"{annotation}\""),
            NextAnnotation = annotation is null ? null : Bytes(Prefix(node.Name + "@odata.type", false) + $"\"{annotation}\""),
            Form = column.Kind switch
            {
                ColumnKind.Integer when _format.Ieee754Compatible && kind is EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Decimal => Form.IntegerText,
                ColumnKind.Integer => Form.Integer,
                ColumnKind.Boolean => Form.Boolean,
                ColumnKind.Double => Form.Double,
                ColumnKind.Date => Form.Date,
                ColumnKind.Timestamp => Form.Timestamp,
                _ => Form.Text,
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

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private enum Form : byte
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
        public string Text { get; init; } = "";

        /// <summary><c>"Name":</c>, for the first property of an object.</summary>
        public byte[] Name { get; init; } = [];

        /// <summary><c>,"Name":</c>, for the others.</summary>
        public byte[] NextName { get; init; } = [];

        public int Column { get; init; }

        public Form Form { get; init; }

        /// <summary>Whether the column can hold null (otherwise its value is read without asking).</summary>
        public bool Nullable { get; init; }

        /// <summary><c>"Name@odata.type":"#Int64"</c> where the value needs its type written.</summary>
        public byte[]? Annotation { get; init; }

        public byte[]? NextAnnotation { get; init; }

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

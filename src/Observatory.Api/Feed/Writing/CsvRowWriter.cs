using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Observatory.Query.Results;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Writing;

/// <summary>
/// RFC 4180 CSV for researchers' tools, written from the database's UTF-8 and sent in blocks (a field with a comma,
/// quote or line break is quoted, its quotes doubled; rows end with CRLF). A column of an expanded or grouped
/// navigation is headed by its path (Ethnicity/BroadGroup); empty means null.
/// </summary>
public sealed class CsvRowWriter(PipeWriter pipe, ResultShape shape) : IRowWriter
{
    private static readonly SearchValues<byte> Special = SearchValues.Create(",\"\r\n"u8);
    private readonly ResponseBuffer _body = new(pipe);
    private readonly (int Column, ColumnKind Kind, bool Nullable)[] _visible = Enumerable.Range(0, shape.Columns.Count)
        .Where(i => !shape.Columns[i].Hidden).Select(i => (i, shape.Columns[i].Kind, shape.Columns[i].Type.IsNullable)).ToArray();

    public async Task StartAsync(long? count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _visible.Length; i++)
        {
            if (i > 0)
            {
                Write(","u8);
            }

            Field(Encoding.UTF8.GetBytes(string.Join('/', shape.Columns[_visible[i].Column].Path)));
        }

        Write("\r\n"u8);
        await _body.SendAsync(cancellationToken);
    }

    public ValueTask WriteRowAsync(IRowReader row, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _visible.Length; i++)
        {
            if (i > 0)
            {
                Write(","u8);
            }

            var (column, kind, nullable) = _visible[i];
            if (nullable && row.IsNull(column))
            {
                continue;
            }

            switch (kind)
            {
                case ColumnKind.Integer:
                    Format(row.GetInt64(column));
                    break;
                case ColumnKind.Boolean:
                    Write(row.GetInt64(column) != 0 ? "true"u8 : "false"u8);
                    break;
                case ColumnKind.Double:
                    Field(Encoding.UTF8.GetBytes(Values.Number(row.GetDouble(column))));
                    break;
                case ColumnKind.Date or ColumnKind.Timestamp:
                    Field(Encoding.UTF8.GetBytes(Values.Text(row, column, kind)));
                    break;
                default:
                    Field(row.GetUtf8(column));
                    break;
            }
        }

        Write("\r\n"u8);
        return _body.IsFull ? _body.SendAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public async Task EndAsync(string? nextLink, CancellationToken cancellationToken) => await _body.SendAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        _body.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Field(ReadOnlySpan<byte> text)
    {
        if (text.IndexOfAny(Special) < 0)
        {
            Write(text);
            return;
        }

        Write("\""u8);
        for (var quote = text.IndexOf((byte)'"'); quote >= 0; quote = text.IndexOf((byte)'"'))
        {
            Write(text[..(quote + 1)]);
            Write("\""u8);
            text = text[(quote + 1)..];
        }

        Write(text);
        Write("\""u8);
    }

    private void Format(long value)
    {
        var span = _body.GetSpan(20);
        value.TryFormat(span, out var written, provider: CultureInfo.InvariantCulture);
        _body.Advance(written);
    }

    private void Write(ReadOnlySpan<byte> bytes) => _body.Write(bytes);
}

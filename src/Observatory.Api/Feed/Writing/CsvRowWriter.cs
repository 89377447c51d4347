using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Observatory.Query.Results;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Writing;

/// <summary>
/// RFC 4180 CSV for researchers' tools, written from the database's UTF-8 straight into the response's pipe (a field
/// with a comma, quote or line break is quoted, its quotes doubled; rows end with CRLF). A column of an expanded or
/// grouped navigation is headed by its path (Ethnicity/BroadGroup); empty means null.
/// </summary>
public sealed class CsvRowWriter(PipeWriter body, ResultShape shape) : IRowWriter
{
    private const int FlushAt = 32 * 1024;
    private static readonly SearchValues<byte> Special = SearchValues.Create(",\"\r\n"u8);
    private readonly int[] _visible = Enumerable.Range(0, shape.Columns.Count).Where(i => !shape.Columns[i].Hidden).ToArray();
    private long _unflushed;

    public async Task StartAsync(long? count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _visible.Length; i++)
        {
            if (i > 0)
            {
                Write(","u8);
            }

            Field(Encoding.UTF8.GetBytes(string.Join('/', shape.Columns[_visible[i]].Path)));
        }

        Write("\r\n"u8);
        await body.FlushAsync(cancellationToken);
    }

    public ValueTask WriteRowAsync(IRowReader row, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _visible.Length; i++)
        {
            if (i > 0)
            {
                Write(","u8);
            }

            var column = _visible[i];
            var definition = shape.Columns[column];
            if (definition.Type.IsNullable && row.IsNull(column))
            {
                continue;
            }

            switch (definition.Kind)
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
                    Field(Encoding.UTF8.GetBytes(Values.Text(row, column, definition.Kind)));
                    break;
                default:
                    Field(row.GetUtf8(column));
                    break;
            }
        }

        Write("\r\n"u8);
        return _unflushed > FlushAt ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public async Task EndAsync(string? nextLink, CancellationToken cancellationToken) => await FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _unflushed = 0;
        await body.FlushAsync(cancellationToken);
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
        var span = body.GetSpan(20);
        value.TryFormat(span, out var written, provider: CultureInfo.InvariantCulture);
        body.Advance(written);
        _unflushed += written;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        body.Write(bytes);
        _unflushed += bytes.Length;
    }
}

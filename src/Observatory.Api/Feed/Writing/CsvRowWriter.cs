using System.Globalization;
using System.Text;
using CsvHelper;
using Observatory.Query.Results;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Writing;

/// <summary>
/// RFC 4180 CSV for researchers' tools, streamed from the rows. A column of an expanded or grouped navigation is
/// headed by its path (Ethnicity/BroadGroup); empty means null.
/// </summary>
public sealed class CsvRowWriter : IRowWriter
{
    private readonly StreamWriter _text;
    private readonly CsvWriter _csv;
    private readonly ResultShape _shape;
    private readonly int[] _visible;

    public CsvRowWriter(Stream body, ResultShape shape)
    {
        _shape = shape;
        _visible = Enumerable.Range(0, shape.Columns.Count).Where(i => !shape.Columns[i].Hidden).ToArray();
        _text = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        _csv = new CsvWriter(_text, CultureInfo.InvariantCulture, leaveOpen: true);
    }

    public async Task StartAsync(long? count, CancellationToken cancellationToken)
    {
        foreach (var column in _visible)
        {
            _csv.WriteField(string.Join('/', _shape.Columns[column].Path));
        }

        await _csv.NextRecordAsync();
    }

    public async ValueTask WriteRowAsync(IRowReader row, CancellationToken cancellationToken)
    {
        foreach (var column in _visible)
        {
            _csv.WriteField(row.IsNull(column) ? "" : Values.Text(row, column, _shape.Columns[column].Kind));
        }

        await _csv.NextRecordAsync();
    }

    public async Task EndAsync(string? nextLink, CancellationToken cancellationToken) => await _csv.FlushAsync();

    public async ValueTask DisposeAsync()
    {
        await _csv.DisposeAsync();
        await _text.DisposeAsync();
    }
}

using System.Globalization;
using System.Text;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Functions;

/// <summary>Rows the host computed, read column by column as the row writers read a statement's.</summary>
internal sealed class ComputedRows(IReadOnlyList<object?[]> rows) : IRowReader
{
    private int _at = -1;

    public ValueTask<bool> ReadAsync() => ValueTask.FromResult(++_at < rows.Count);

    public bool IsNull(int column) => rows[_at][column] is null;

    public long GetInt64(int column) => Convert.ToInt64(rows[_at][column], CultureInfo.InvariantCulture);

    public double GetDouble(int column) => Convert.ToDouble(rows[_at][column], CultureInfo.InvariantCulture);

    public string GetString(int column) => Convert.ToString(rows[_at][column], CultureInfo.InvariantCulture) ?? "";

    public ReadOnlySpan<byte> GetUtf8(int column) => Encoding.UTF8.GetBytes(GetString(column));

    public object GetValue(int column) => rows[_at][column] ?? DBNull.Value;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

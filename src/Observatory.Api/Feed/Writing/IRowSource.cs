using System.Data.Common;
using System.Text;

namespace Observatory.Api.Feed.Writing;

/// <summary>The current row of a result, read column by column: from a data reader, or straight from SQLite.</summary>
public interface IRowSource
{
    bool IsNull(int column);
    long GetInt64(int column);
    double GetDouble(int column);
    string GetString(int column);

    /// <summary>A text column as UTF-8, valid until the next row.</summary>
    ReadOnlySpan<byte> GetUtf8(int column);

    object GetValue(int column);
}

/// <summary>A row source over any ADO.NET reader (PostgreSQL, and rows made up in memory).</summary>
public sealed class ReaderRows(DbDataReader reader) : IRowSource
{
    public bool IsNull(int column) => reader.IsDBNull(column);

    public long GetInt64(int column) => reader.GetFieldType(column) == typeof(bool) ? (reader.GetBoolean(column) ? 1 : 0) : reader.GetInt64(column);

    public double GetDouble(int column) => Convert.ToDouble(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);

    public string GetString(int column) => reader.GetString(column);

    public ReadOnlySpan<byte> GetUtf8(int column) => Encoding.UTF8.GetBytes(reader.GetString(column));

    public object GetValue(int column) => reader.GetValue(column);
}

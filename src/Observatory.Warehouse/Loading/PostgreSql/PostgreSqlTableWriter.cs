using Npgsql;
using NpgsqlTypes;

namespace Observatory.Warehouse.Loading.PostgreSql;

/// <summary>Streams one table through binary COPY on a connection of its own.</summary>
internal sealed class PostgreSqlTableWriter<T> : ITableWriter<T>, IRowWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlBinaryImporter _importer;
    private readonly TableMapping<T> _mapping;

    public PostgreSqlTableWriter(string connectionString, TableMapping<T> mapping)
    {
        _mapping = mapping;
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
        var columns = string.Join(", ", mapping.Columns.Select(c => $"\"{c}\""));
        _importer = _connection.BeginBinaryImport($"COPY \"{mapping.Table}\" ({columns}) FROM STDIN (FORMAT BINARY)");
    }

    public void Write(ReadOnlySpan<T> rows)
    {
        foreach (var row in rows)
        {
            _importer.StartRow();
            _mapping.WriteRow(row, this);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken) => await _importer.CompleteAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _importer.DisposeAsync();
        await _connection.DisposeAsync();
    }

    // The same column types the PostgreSQL migrations create.
    public void Write(int value) => _importer.Write(value, NpgsqlDbType.Integer);

    public void Write(long value) => _importer.Write(value, NpgsqlDbType.Bigint);

    public void Write(double value) => _importer.Write(value, NpgsqlDbType.Double);

    public void Write(bool value) => _importer.Write(value, NpgsqlDbType.Boolean);

    public void Write(string value) => _importer.Write(value, NpgsqlDbType.Text);

    public void Write(DateOnly value) => _importer.Write(value, NpgsqlDbType.Date);

    public void Write(DateTime value) => _importer.Write(DateTime.SpecifyKind(value, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);

    public void WriteNull() => _importer.WriteNull();
}

using Npgsql;
using NpgsqlTypes;

namespace Observatory.Warehouse.Loading.PostgreSql;

/// <summary>
/// Streams one table through binary COPY, in the column types the migrations create: on a connection of its own
/// during a load, or on a caller's connection (and transaction) when derived tables are replaced.
/// </summary>
internal sealed class PostgreSqlTableWriter : ITableWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly bool _ownsConnection;
    private readonly NpgsqlBinaryImporter _importer;

    public PostgreSqlTableWriter(string connectionString, string table, IReadOnlyList<string> columns)
        : this(new NpgsqlConnection(connectionString), table, columns, ownsConnection: true)
    {
    }

    public PostgreSqlTableWriter(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, bool ownsConnection = false)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        if (ownsConnection)
        {
            _connection.Open();
        }

        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        _importer = _connection.BeginBinaryImport($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)");
    }

    public void Write(RowBatch batch)
    {
        var cell = 0;
        for (var row = 0; row < batch.Rows; row++)
        {
            _importer.StartRow();
            for (var column = 0; column < batch.Columns; column++, cell++)
            {
                var value = batch.Values[cell];
                switch (batch.Kinds[cell])
                {
                    case ValueKind.Int32: _importer.Write((int)value, NpgsqlDbType.Integer); break;
                    case ValueKind.Int64: _importer.Write(value, NpgsqlDbType.Bigint); break;
                    case ValueKind.Double: _importer.Write(BitConverter.Int64BitsToDouble(value), NpgsqlDbType.Double); break;
                    case ValueKind.Boolean: _importer.Write(value != 0, NpgsqlDbType.Boolean); break;
                    case ValueKind.Text: _importer.Write(batch.Texts![cell]!, NpgsqlDbType.Text); break;
                    case ValueKind.Date: _importer.Write(DateOnly.FromDayNumber((int)value), NpgsqlDbType.Date); break;
                    case ValueKind.Timestamp: _importer.Write(new DateTime(value, DateTimeKind.Utc), NpgsqlDbType.TimestampTz); break;
                    default: _importer.WriteNull(); break;
                }
            }
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken) => await _importer.CompleteAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _importer.DisposeAsync();
        if (_ownsConnection)
        {
            await _connection.DisposeAsync();
        }
    }
}

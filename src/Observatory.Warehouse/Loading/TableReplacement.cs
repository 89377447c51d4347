using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Loading.PostgreSql;
using Observatory.Warehouse.Loading.Sqlite;

namespace Observatory.Warehouse.Loading;

/// <summary>
/// Replaces the whole contents of derived tables (such as the indicator values) in one transaction, through the
/// same bulk writers a load uses: readers see the old rows until the commit, then the new ones, never a mix.
/// </summary>
public sealed class TableReplacement : IAsyncDisposable
{
    private const int BatchRows = 4096;

    private readonly IModel _model;
    private readonly BulkConnection? _sqlite;
    private readonly NpgsqlConnection? _postgres;
    private readonly NpgsqlTransaction? _transaction;
    private bool _committed;

    private TableReplacement(IModel model, BulkConnection? sqlite, NpgsqlConnection? postgres, NpgsqlTransaction? transaction) =>
        (_model, _sqlite, _postgres, _transaction) = (model, sqlite, postgres, transaction);

    /// <param name="model">The warehouse model, for each table's name and columns.</param>
    public static async Task<TableReplacement> BeginAsync(WarehouseOptions options, IModel model, CancellationToken cancellationToken)
    {
        if (options.Provider == WarehouseProvider.Sqlite)
        {
            var sqlite = BulkConnection.Open(options.SqliteFilePath);
            // Readers of a live warehouse may hold it for a moment; wait for them rather than fail. A 64 MB page
            // cache keeps the new rows and their index in memory until the commit writes them once.
            sqlite.Execute("PRAGMA busy_timeout = 60000; PRAGMA cache_size = -65536; BEGIN IMMEDIATE");
            return new TableReplacement(model, sqlite, null, null);
        }

        var postgres = new NpgsqlConnection(WarehouseContextFactory.PostgreSqlConnectionString(options, options.Schema));
        await postgres.OpenAsync(cancellationToken);
        return new TableReplacement(model, null, postgres, await postgres.BeginTransactionAsync(cancellationToken));
    }

    /// <summary>Empties the tables, children first (so their foreign keys never point at a removed row).</summary>
    public async Task ClearAsync(IEnumerable<Type> tables, CancellationToken cancellationToken)
    {
        foreach (var type in tables)
        {
            var sql = $"DELETE FROM \"{_model.FindEntityType(type)!.GetTableName()}\"";
            if (_sqlite is not null)
            {
                _sqlite.Execute(sql);
            }
            else
            {
                await using var command = new NpgsqlCommand(sql, _postgres, _transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task WriteAsync<T>(IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var mapping = TableMapping<T>.From(_model);
        await using ITableWriter writer = _sqlite is not null
            ? new SqliteTableWriter(_sqlite.Database, mapping.Table, mapping.Columns)
            : new PostgreSqlTableWriter(_postgres!, mapping.Table, mapping.Columns);
        var batch = new RowBatch(mapping.Columns.Count, BatchRows);
        var recorder = batch.Record();
        foreach (var row in rows)
        {
            mapping.WriteRow(row, recorder);
            if (batch.IsFull)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Write(batch);
                batch.Clear();
            }
        }

        writer.Write(batch);
        await writer.CompleteAsync(cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_sqlite is not null)
        {
            _sqlite.Execute("COMMIT");
        }
        else
        {
            await _transaction!.CommitAsync(cancellationToken);
        }

        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
        {
            if (!_committed)
            {
                _sqlite.Execute("ROLLBACK");
            }

            _sqlite.Dispose();
        }

        if (_postgres is not null)
        {
            await _transaction!.DisposeAsync();
            await _postgres.DisposeAsync();
        }
    }
}

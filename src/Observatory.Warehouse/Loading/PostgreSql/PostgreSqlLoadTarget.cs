using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Schema;

namespace Observatory.Warehouse.Loading.PostgreSql;

/// <summary>
/// Builds the new warehouse in a sibling schema and swaps schemas in one transaction: readers, whose search
/// path names the warehouse schema, see either the old tables or the new ones.
/// </summary>
internal sealed class PostgreSqlLoadTarget(WarehouseOptions options) : ILoadTarget
{
    private readonly string _staging = options.Schema + "_loading";
    private readonly string _retired = options.Schema + "_retired";
    private readonly List<string> _indexDefinitions = [];
    private readonly List<string> _constraintDefinitions = [];
    private readonly List<string> _constraintValidations = [];
    private const int ParallelWorkers = 2;
    private NpgsqlConnection? _session;
    private IModel? _model;

    public IModel Model => _model ?? throw new InvalidOperationException("Prepare the target first.");

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var staging = options with { Schema = _staging };
        await using (var context = WarehouseContextFactory.Create(staging))
        {
            await WarehouseSchema.EnsureReachableAsync(context, options, cancellationToken);
        }

        _session = new NpgsqlConnection(WarehouseContextFactory.PostgreSqlConnectionString(options, _staging));
        await _session.OpenAsync(cancellationToken);

        // One load per warehouse schema at a time; the lock dies with the session if the loader is killed.
        if (!await ScalarAsync<bool>("SELECT pg_try_advisory_lock(hashtext(@key))", ("key", "observatory-load:" + options.Schema), cancellationToken))
        {
            throw new WarehouseException($"Another load is writing to {options.Describe()}; wait for it to finish.");
        }

        await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_staging}\" CASCADE; CREATE SCHEMA \"{_staging}\"", cancellationToken);
        await using (var context = WarehouseContextFactory.Create(staging))
        {
            await context.Database.MigrateAsync(cancellationToken);
            _model = context.Model;
        }

        // Foreign keys and secondary indexes are rebuilt after COPY: validating and indexing once is far
        // cheaper than per row, and re-adding each foreign key still checks every row.
        await CaptureAsync(
            "SELECT format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid)), " +
            "format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, t.relname, c.conname), " +
            "format('ALTER TABLE %I.%I VALIDATE CONSTRAINT %I', n.nspname, t.relname, c.conname) " +
            "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = c.connamespace " +
            "WHERE c.contype = 'f' AND n.nspname = @schema",
            _constraintDefinitions, cancellationToken, _constraintValidations);
        await CaptureAsync(
            "SELECT i.indexdef, format('DROP INDEX %I.%I', i.schemaname, i.indexname) FROM pg_indexes i " +
            "WHERE i.schemaname = @schema AND NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace " +
            "WHERE n.nspname = i.schemaname AND c.conname = i.indexname)",
            _indexDefinitions, cancellationToken);
    }

    public ITableWriter CreateWriter(string table, IReadOnlyList<string> columns) =>
        new PostgreSqlTableWriter(WarehouseContextFactory.PostgreSqlConnectionString(options, _staging), table, columns);

    public async Task FinishStagingAsync(CancellationToken cancellationToken)
    {
        // Indexes build on two connections at once (different tables never wait for each other). Foreign keys
        // are added NOT VALID (instant) and then validated, which also runs two at a time because validation
        // takes a lock that does not conflict with itself. Every row is still checked against every key.
        await RunInParallelAsync(_indexDefinitions, cancellationToken);
        foreach (var definition in _constraintDefinitions)
        {
            await ExecuteAsync(definition + " NOT VALID", cancellationToken);
        }

        await RunInParallelAsync(_constraintValidations, cancellationToken);
        await ExecuteAsync("ANALYZE", cancellationToken);
    }

    private async Task RunInParallelAsync(IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<string>(statements);
        var connection = WarehouseContextFactory.PostgreSqlConnectionString(options, _staging);
        await Task.WhenAll(Enumerable.Range(0, ParallelWorkers).Select(async _ =>
        {
            await using var session = new NpgsqlConnection(connection);
            await session.OpenAsync(cancellationToken);
            while (queue.TryDequeue(out var sql))
            {
                await using var command = new NpgsqlCommand(sql, session) { CommandTimeout = 0 };
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }));
    }

    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await Session.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(
            $"DROP SCHEMA IF EXISTS \"{_retired}\" CASCADE; " +
            $"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '{options.Schema}') THEN " +
            $"EXECUTE 'ALTER SCHEMA \"{options.Schema}\" RENAME TO \"{_retired}\"'; END IF; END $$; " +
            $"ALTER SCHEMA \"{_staging}\" RENAME TO \"{options.Schema}\"; " +
            $"DROP SCHEMA IF EXISTS \"{_retired}\" CASCADE", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    public async Task AbandonAsync()
    {
        try
        {
            if (_session is { State: System.Data.ConnectionState.Open })
            {
                await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_staging}\" CASCADE", CancellationToken.None);
            }
        }
        catch (NpgsqlException)
        {
            // The next load drops the staging schema before it starts; the live schema was never touched.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    private NpgsqlConnection Session => _session ?? throw new InvalidOperationException("Prepare the target first.");

    /// <summary>Records how to recreate each object (column 0; column 2 into <paramref name="third"/> if given) and drops it now (column 1).</summary>
    private async Task CaptureAsync(string sql, List<string> definitions, CancellationToken cancellationToken, List<string>? third = null)
    {
        var drops = new List<string>();
        await using (var command = new NpgsqlCommand(sql, Session))
        {
            command.Parameters.AddWithValue("schema", _staging);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                definitions.Add(reader.GetString(0));
                drops.Add(reader.GetString(1));
                third?.Add(reader.GetString(2));
            }
        }

        foreach (var drop in drops)
        {
            await ExecuteAsync(drop, cancellationToken);
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, Session) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<T> ScalarAsync<T>(string sql, (string Name, object Value) parameter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, Session);
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

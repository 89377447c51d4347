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
    private const int ParallelWorkers = 2;

    /// <summary>The comment every schema Observatory creates carries; only such schemas are ever renamed or dropped.</summary>
    private const string OwnershipMarker = "Observatory warehouse";

    private readonly List<string> _constraintDefinitions = [];
    private readonly List<string> _constraintValidations = [];
    private NpgsqlConnection? _session;
    private IModel? _model;

    public IModel Model => _model ?? throw new InvalidOperationException("Prepare the target first.");

    public async Task LockAsync(CancellationToken cancellationToken)
    {
        await using (var context = WarehouseContextFactory.Create(options with { Schema = _staging }))
        {
            await WarehouseSchema.EnsureReachableAsync(context, options, cancellationToken);
        }

        var session = new NpgsqlConnection(WarehouseContextFactory.PostgreSqlConnectionString(options, _staging));
        await session.OpenAsync(cancellationToken);

        // One load per warehouse schema at a time; the lock dies with the session if the loader is killed.
        await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext(@key))", session))
        {
            command.Parameters.AddWithValue("key", "observatory-load:" + options.Schema);
            if (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                await session.DisposeAsync();
                throw new WarehouseException($"Another load is writing to {options.Describe()}; wait for it to finish.");
            }
        }

        _session = session;
    }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var staging = options with { Schema = _staging };
        // Schemas this load replaces or drops must be Observatory's own: never another application's.
        foreach (var schema in new[] { options.Schema, _staging, _retired })
        {
            await RequireOwnedOrAbsentAsync(schema, cancellationToken);
        }

        await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_staging}\" CASCADE; CREATE SCHEMA \"{_staging}\"; " +
                           $"COMMENT ON SCHEMA \"{_staging}\" IS '{OwnershipMarker}'", cancellationToken);
        await using (var context = WarehouseContextFactory.Create(staging))
        {
            await context.Database.MigrateAsync(cancellationToken);
            _model = context.Model;
        }

        // Foreign keys and secondary indexes are rebuilt after COPY: validating and indexing once is far
        // cheaper than per row, and re-adding each foreign key still checks every row.
        var constraints = await DetachAsync(
            "SELECT format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid)), " +
            "format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, t.relname, c.conname), " +
            "format('ALTER TABLE %I.%I VALIDATE CONSTRAINT %I', n.nspname, t.relname, c.conname) " +
            "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = c.connamespace " +
            "WHERE c.contype = 'f' AND n.nspname = @schema",
            cancellationToken);
        _constraintDefinitions.AddRange(constraints.Select(c => c[0]));
        _constraintValidations.AddRange(constraints.Select(c => c[2]));
        var indexes = await DetachAsync(
            "SELECT i.indexdef, format('DROP INDEX %I.%I', i.schemaname, i.indexname) FROM pg_indexes i " +
            "WHERE i.schemaname = @schema AND NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace " +
            "WHERE n.nspname = i.schemaname AND c.conname = i.indexname)",
            cancellationToken);
        _indexDefinitions.AddRange(indexes.Select(i => i[0]));
    }

    public WarehouseOptions Staging => options with { Schema = _staging };

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
        foreach (var table in Model.GetEntityTypes().Select(e => e.GetTableName()))
        {
            await ExecuteAsync($"ANALYZE \"{_staging}\".\"{table}\"", cancellationToken);
        }
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
        // Only a load that holds the lock owns the staging schema; a refused load leaves it alone.
        if (_session is not { State: System.Data.ConnectionState.Open })
        {
            return;
        }

        try
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_staging}\" CASCADE", CancellationToken.None);
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
            // A pooled connection keeps its session, and the lock with it, until it is next used: release it now,
            // or the next load may be refused while this connection sits idle in the pool.
            if (_session.State == System.Data.ConnectionState.Open)
            {
                try
                {
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", _session);
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None);
                }
                catch (NpgsqlException)
                {
                    // The server went away: the lock went with the session.
                }
            }

            await _session.DisposeAsync();
        }
    }

    private NpgsqlConnection Session => _session ?? throw new InvalidOperationException("Lock the target first.");

    private async Task RequireOwnedOrAbsentAsync(string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(obj_description(oid, 'pg_namespace'), '') FROM pg_namespace WHERE nspname = @schema", Session);
        command.Parameters.AddWithValue("schema", schema);
        if (await command.ExecuteScalarAsync(cancellationToken) is string comment && comment != OwnershipMarker)
        {
            throw new WarehouseException(
                $"Schema '{schema}' exists but was not created by Observatory; a load would replace it. Drop it or choose another Warehouse:Schema.");
        }
    }

    /// <summary>Reads, per object, the statements that recreate it (column 0, and 2 when given) and drops it (column 1).</summary>
    private async Task<List<string[]>> DetachAsync(string sql, CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        await using (var command = new NpgsqlCommand(sql, Session))
        {
            command.Parameters.AddWithValue("schema", _staging);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
            }
        }

        foreach (var row in rows)
        {
            await ExecuteAsync(row[1], cancellationToken);
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, Session) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

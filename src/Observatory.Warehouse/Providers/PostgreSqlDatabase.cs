using System.Data.Common;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Warehouse.Providers;

/// <summary>The warehouse on a PostgreSQL server, read in read-only transactions within its schema.</summary>
public sealed class PostgreSqlDatabase(WarehouseOptions options) : WarehouseDatabase(options)
{
    private readonly string _readOnly = new NpgsqlConnectionStringBuilder(WarehouseContextFactory.PostgreSqlConnectionString(options, options.Schema))
    {
        Options = "-c default_transaction_read_only=on",
    }.ConnectionString;

    public override SqlDialect Dialect => PostgreSqlDialect.Instance;

    public override bool GroupsCheaply => true;

    public override Task<DbConnection> OpenForReadingAsync(CancellationToken cancellationToken) => GuardAsync<DbConnection>(async () =>
    {
        var connection = new NpgsqlConnection(_readOnly);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    });

    public override Task<IRowReader> ReadAsync(DbConnection connection, SqlStatement statement, CancellationToken cancellationToken) =>
        GuardAsync<IRowReader>(async () =>
        {
            var command = new NpgsqlCommand(statement.Text, (NpgsqlConnection)connection) { CommandTimeout = 0 };
            for (var i = 0; i < statement.Parameters.Count; i++)
            {
                command.Parameters.Add(new NpgsqlParameter(SqlStatement.ParameterName(i)[1..], Dialect.Parameter(statement.Parameters[i]) ?? DBNull.Value));
            }

            try
            {
                return new Rows(await command.ExecuteReaderAsync(cancellationToken), command, this, cancellationToken);
            }
            catch
            {
                await command.DisposeAsync();
                throw;
            }
        });

    public override Exception? Classify(Exception failure) => failure switch
    {
        WarehouseUnavailableException or QueryRejectedException => failure,
        PostgresException server => server.SqlState switch
        {
            // Data exceptions: a value of the query the server cannot compute (out of range, invalid text).
            var state when state.StartsWith("22", StringComparison.Ordinal) => new QueryRejectedException(
                $"The database could not evaluate this query: {server.MessageText}.", server),
            // Connection failures, lack of resources, shutdown, a missing database or schema, lock and serialisation conflicts.
            var state when state[..2] is "08" or "53" or "57" or "58" or "3D" or "3F" or "40" or "55" => Unavailable(server),
            // A table missing from the warehouse schema: a load is swapping it, or none has been made.
            "42P01" => Unavailable(server),
            _ => null,
        },
        NpgsqlException { InnerException: SocketException or TimeoutException or IOException } or NpgsqlException { IsTransient: true } =>
            new WarehouseUnavailableException("The warehouse's database server cannot be reached. Try again shortly.", TimeSpan.FromSeconds(15), failure),
        SocketException or TimeoutException => new WarehouseUnavailableException(
            "The warehouse's database server cannot be reached. Try again shortly.", TimeSpan.FromSeconds(15), failure),
        _ => null,
    };

    private static WarehouseUnavailableException Unavailable(PostgresException server) =>
        new($"The warehouse's database cannot answer at the moment ({server.MessageText}). Try again shortly.", TimeSpan.FromSeconds(15), server);

    private sealed class Rows(DbDataReader reader, DbCommand command, PostgreSqlDatabase database, CancellationToken cancellation) : IRowReader
    {
        public async ValueTask<bool> ReadAsync()
        {
            try
            {
                return await reader.ReadAsync(cancellation);
            }
            catch (Exception e) when (e is not OperationCanceledException && database.Classify(e) is { } classified)
            {
                throw classified;
            }
        }

        public bool IsNull(int column) => reader.IsDBNull(column);

        public long GetInt64(int column) => reader.GetValue(column) switch
        {
            long number => number,
            int number => number,
            short number => number,
            bool flag => flag ? 1 : 0,
            decimal number => (long)number,
            var other => Convert.ToInt64(other, System.Globalization.CultureInfo.InvariantCulture),
        };

        public double GetDouble(int column) => Convert.ToDouble(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);

        public string GetString(int column) => reader.GetString(column);

        public ReadOnlySpan<byte> GetUtf8(int column) => Encoding.UTF8.GetBytes(reader.GetString(column));

        public object GetValue(int column) => reader.GetValue(column);

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            await command.DisposeAsync();
        }
    }
}

using Npgsql;

namespace Observatory.Benchmarks;

/// <summary>The databases' own command-line clients, the baseline every feed figure is compared with.</summary>
internal static class DatabaseClients
{
    public static async Task SqliteAsync(string file, string sql, params string[] options)
    {
        var run = await ChildProcess.RunAsync("sqlite3", [.. options, file, sql]);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"sqlite3 failed: {run.Error}");
        }
    }

    public static async Task PsqlAsync(string connection, string schema, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var run = await ChildProcess.RunAsync("psql",
            ["-X", "-q", "-A", "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-U", builder.Username!, "-d", builder.Database!, "-c", $"SET search_path TO {schema}; {sql}"],
            new Dictionary<string, string> { ["PGPASSWORD"] = builder.Password ?? "" });
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed: {run.Error}");
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Observatory.Api.Feed.Running;
using Observatory.Warehouse;

namespace Observatory.Tests.Support;

/// <summary>The real host (Program) in memory, pointed at a given warehouse, recording the SQL it runs.</summary>
public sealed class FeedHost(WarehouseOptions warehouse, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Every SQL command the host sent to the database, in order.</summary>
    public ConcurrentQueue<string> Sql { get; } = new();

    /// <summary>Every log line the host wrote at the levels its configuration enables, category first.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>What the host logged at Warning or above: level, category, message and whether an exception came with it.</summary>
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, bool WithException)> Warnings { get; } = new();

    /// <summary>Changes to the host's services, made after its own (e.g. a test identity provider's keys).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Warehouse:Provider", warehouse.Provider.ToString());
        if (TestKeys.ServiceSchema(warehouse) is { } serviceSchema)
        {
            builder.UseSetting("Service:Schema", serviceSchema);
        }

        builder.UseSetting("ConnectionStrings:Warehouse", warehouse.ConnectionString);
        builder.UseSetting("Warehouse:Schema", warehouse.Schema);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
        builder.UseSetting($"Logging:LogLevel:{QueryRunner.SqlLogCategory}", "Debug");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (ConfigureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new SqlRecorder(Sql)).AddProvider(new WarningRecorder(Warnings)).AddProvider(new LogRecorder(Logs)));
    }

    private sealed class SqlRecorder(ConcurrentQueue<string> sql) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => categoryName switch
        {
            "Microsoft.EntityFrameworkCore.Database.Command" => this,
            QueryRunner.SqlLogCategory => new FeedSql(sql),
            _ => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
        };

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name?.EndsWith("CommandExecuted", StringComparison.Ordinal) == true)
            {
                sql.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }

    private sealed class WarningRecorder(ConcurrentQueue<(LogLevel, string, string, bool)> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, warnings);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, ConcurrentQueue<(LogLevel, string, string, bool)> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    warnings.Enqueue((logLevel, category, formatter(state, exception), exception is not null));
                }
            }
        }
    }

    private sealed class LogRecorder(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, logs);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, ConcurrentQueue<string> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                logs.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {values} {exception}");
            }
        }
    }

    /// <summary>The SQL the feed's own reader runs (EF Core builds it; the feed executes it).</summary>
    private sealed class FeedSql(ConcurrentQueue<string> sql) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sql.Enqueue(formatter(state, exception));
    }
}

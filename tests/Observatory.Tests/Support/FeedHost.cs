using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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

    /// <summary>What the host logged at Warning or above: level, category, message and whether an exception came with it.</summary>
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, bool WithException)> Warnings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Warehouse:Provider", warehouse.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Warehouse", warehouse.ConnectionString);
        builder.UseSetting("Warehouse:Schema", warehouse.Schema);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
        builder.UseSetting($"Logging:LogLevel:{QueryRunner.SqlLogCategory}", "Debug");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new SqlRecorder(Sql)).AddProvider(new WarningRecorder(Warnings)));
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

    /// <summary>The SQL the feed's own reader runs (EF Core builds it; the feed executes it).</summary>
    private sealed class FeedSql(ConcurrentQueue<string> sql) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sql.Enqueue(formatter(state, exception));
    }
}

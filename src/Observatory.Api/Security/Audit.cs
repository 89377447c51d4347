using System.Diagnostics;
using System.Threading.Channels;
using Observatory.Access.Audit;
using Observatory.Access.Store;

namespace Observatory.Api.Security;

/// <summary>What the audit trail notes of a request beyond its URL: the rows its response carried (counted by the feed's writers), and what its body asked.</summary>
public sealed class AuditNotes
{
    private long _count;

    public long? Count { get; private set; }

    /// <summary>
    /// What the request asked that its URL does not carry: the query options of POST .../$query, or what a minted embed
    /// token grants (EmbedTokenEndpoint.AuditNote; never the token).
    /// </summary>
    public string? Query { get; set; }

    public void Add(long rows) => Count = Interlocked.Add(ref _count, rows);
}

/// <summary>
/// Records every answered request in the audit trail: queued as the response ends and written in batches, so that a
/// request never waits for the service store. Entries still queued when the host stops are written before it exits.
/// </summary>
public sealed partial class AuditRecorder(AuditTrail trail, ILogger<AuditRecorder> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(20_000) { SingleReader = true });

    public ValueTask RecordAsync(AuditEntry entry) => _queue.Writer.WriteAsync(entry);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(BatchSize);
        // Drain to the end once stopping begins: the writer is completed then, and reading ends when the queue is empty.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<AuditEntry> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await trail.AppendAsync(batch, CancellationToken.None);
                return;
            }
            catch (Exception e) when (attempt < 5 && e is not OperationCanceledException)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
            catch (Exception e)
            {
                LogLost(logger, batch.Count, e.Message);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} audit entries could not be written to the service store: {Reason}")]
    private static partial void LogLost(ILogger logger, int count, string reason);

    /// <summary>The audit entry of a request, taken as its response ends.</summary>
    public static AuditEntry Entry(HttpContext context, DateTime at, long started)
    {
        var caller = Caller.Of(context);
        var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
        return new AuditEntry
        {
            At = at,
            Identity = caller?.Identity ?? "anonymous",
            Role = caller?.Role.ToString(),
            Scope = caller?.Scope?.ToString(),
            Method = context.Request.Method,
            Path = Clip((context.Request.PathBase + context.Request.Path).ToString(), 2000),
            Query = Clip(Secrets.ScrubQuery(context.Features.Get<AuditNotes>()?.Query ?? context.Request.QueryString.Value ?? ""), 8000),
            Status = status,
            Rows = context.Features.Get<AuditNotes>()?.Count,
            DurationMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3),
        };
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}

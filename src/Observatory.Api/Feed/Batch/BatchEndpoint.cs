using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.OData.Edm;
using Observatory.Api.Feed.Limits;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Writing;
using Observatory.Api.Security;

namespace Observatory.Api.Feed.Batch;

/// <summary>
/// POST /odata/$batch: reads the requests (<see cref="BatchReader"/>), runs each through the same request path as a
/// request of its own, as the caller of the batch, and streams each response as it is written. A part that
/// addresses anything outside the feed is answered 400 in its place; the others run regardless.
/// </summary>
public static class BatchEndpoint
{
    /// <summary>A batch's requests are URLs and short bodies: more than this is not a batch of reads.</summary>
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    public static async Task PostAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var limits = services.GetRequiredService<IOptions<FeedLimits>>().Value;
        var type = context.Request.ContentType ?? "";
        var json = type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
        if (!json && !type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            await FeedErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                "A $batch is multipart/mixed (with a boundary) or application/json (OData JSON batch).");
            return;
        }

        if (!json && !type.Contains("boundary=", StringComparison.OrdinalIgnoreCase))
        {
            await FeedErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "BadRequest",
                "A multipart $batch names its boundary in Content-Type, as in multipart/mixed;boundary=batch_1.");
            return;
        }

        var root = services.GetRequiredService<FeedRequestParser>().ServiceRoot(context.Request) + "/";
        IReadOnlyList<BatchOperation> operations;
        try
        {
            var body = await ReadBodyAsync(context);
            operations = await BatchReader.ReadAsync(context.Request, body, new Uri(root), services.GetRequiredService<IEdmModel>(), limits.MaxBatchParts);
        }
        catch (FeedRequestException e)
        {
            await FeedErrors.WriteAsync(context, e.Status, e.Code, e.Message);
            return;
        }

        var output = BatchResponseWriter.For(json, context.Response.Body);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = output.ContentType;
        context.Response.Headers["OData-Version"] = json ? "4.01" : "4.0";
        await output.StartAsync(context.RequestAborted);
        foreach (var operation in operations)
        {
            await RunAsync(context, operation, new Uri(root), output);
        }

        await output.EndAsync(context.RequestAborted);
    }

    /// <summary>A $batch is sent with POST (a client fetching a token with HEAD first is told so).</summary>
    public static Task MethodNotAllowedAsync(HttpContext context)
    {
        context.Response.Headers.Allow = "POST";
        return FeedErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", "A $batch is sent with POST.");
    }

    private static async Task RunAsync(HttpContext batch, BatchOperation operation, Uri root, BatchResponseWriter output)
    {
        var at = DateTime.UtcNow;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = new PartResponse(operation.Id, output, batch.RequestAborted);
        var part = Context(batch, operation, response);
        var url = operation.Url;
        var inFeed = url.Scheme == root.Scheme && url.Authority == root.Authority && url.AbsolutePath.StartsWith(root.AbsolutePath, StringComparison.Ordinal);
        var below = inFeed ? url.AbsolutePath[root.AbsolutePath.Length..] : "";
        if (!inFeed)
        {
            await FeedErrors.WriteAsync(part, StatusCodes.Status400BadRequest, "BadRequest",
                $"A part of a $batch addresses the feed, below {root}; this one addresses {url.GetLeftPart(UriPartial.Path)}.");
        }
        else if (below == "$batch")
        {
            await FeedErrors.WriteAsync(part, StatusCodes.Status400BadRequest, "BadRequest", "A $batch cannot hold another $batch.");
        }
        else if (HttpMethods.IsGet(operation.Method) || HttpMethods.IsHead(operation.Method))
        {
            await (below switch
            {
                "" => FeedEndpoints.ServiceDocumentAsync(part),
                "$metadata" => FeedEndpoints.MetadataAsync(part),
                _ => FeedEndpoints.GetAsync(part),
            });
        }
        else if (HttpMethods.IsPost(operation.Method))
        {
            await FeedEndpoints.PostAsync(part);
        }
        else
        {
            await FeedEndpoints.MethodNotAllowedAsync(part);
        }

        await response.CompleteAsync();

        // Each part is audited as a request of its own (its path, query and status), and its rows count towards the batch's.
        var notes = part.Features.Get<AuditNotes>()!;
        batch.Features.Get<AuditNotes>()?.Add(notes.Count ?? 0);
        var entry = AuditRecorder.Entry(part, at, started);
        entry.Method = $"{operation.Method} ($batch)";
        await batch.RequestServices.GetRequiredService<AuditRecorder>().RecordAsync(entry);
    }

    /// <summary>The part as a request of its own: its method, URL, headers and body, and the batch's caller and services.</summary>
    private static DefaultHttpContext Context(HttpContext batch, BatchOperation operation, PartResponse response)
    {
        var url = operation.Url;
        var request = new HttpRequestFeature
        {
            Method = operation.Method,
            Scheme = url.Scheme,
            PathBase = batch.Request.PathBase,
            Path = Uri.UnescapeDataString(url.AbsolutePath)[batch.Request.PathBase.Value!.Length..],
            QueryString = url.Query,
            RawTarget = url.PathAndQuery,
            Protocol = "HTTP/1.1",
            Body = new MemoryStream(operation.Body, writable: false),
        };
        foreach (var (name, value) in operation.Headers)
        {
            request.Headers.Append(name, value);
        }

        request.Headers.Host = url.Authority;
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpRequestLifetimeFeature>(new PartLifetime(batch));
        features.Set<IHttpConnectionFeature>(batch.Features.Get<IHttpConnectionFeature>());
        // The part is asked by the batch's caller: the same role, scope and row policy.
        features.Set(Security.Caller.Of(batch));
        features.Set(new AuditNotes());
        return new DefaultHttpContext(features) { RequestServices = batch.RequestServices, User = batch.User };
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                throw new FeedRequestException(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge",
                    $"A $batch body may hold up to {MaxBodyBytes / 1024 / 1024} MB of requests.");
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }

    /// <summary>A part's lifetime is the batch's: a part cut off mid-response cuts the batch off.</summary>
    private sealed class PartLifetime(HttpContext batch) : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get => batch.RequestAborted; set { } }

        public void Abort() => batch.Abort();
    }

    /// <summary>
    /// A part's response: its status and headers are written into the batch when its body starts (or when it ends
    /// without one), its body straight after them.
    /// </summary>
    private sealed class PartResponse(string? id, BatchResponseWriter output, CancellationToken aborted) : Stream, IHttpResponseFeature, IHttpResponseBodyFeature
    {
        private PipeWriter? _writer;

        public int StatusCode { get; set; } = StatusCodes.Status200OK;

        public string? ReasonPhrase { get; set; }

        public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

        [Obsolete("Use IHttpResponseBodyFeature.Stream.")]
        public Stream Body { get => this; set { } }

        public bool HasStarted { get; private set; }

        public Stream Stream => this;

        public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void OnStarting(Func<object, Task> callback, object state)
        {
        }

        public void OnCompleted(Func<object, Task> callback, object state)
        {
        }

        public void DisableBuffering()
        {
        }

        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            if (!HasStarted)
            {
                HasStarted = true;
                await output.BeginPartAsync(id, StatusCode, Headers, aborted);
            }
        }

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public async Task CompleteAsync()
        {
            if (_writer is not null)
            {
                await _writer.FlushAsync(aborted);
            }

            await StartAsync(aborted);
            await output.EndPartAsync(aborted);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await StartAsync(cancellationToken);
            if (buffer.Length > 0)
            {
                await output.WriteBodyAsync(buffer, cancellationToken);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

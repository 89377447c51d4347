using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Observatory.Api.Feed.Batch;

/// <summary>
/// Writes a $batch response part by part as each runs, in the format of the request: nothing of a part is kept once
/// it is written, so a batch costs the memory of one part however many it has.
/// </summary>
internal abstract class BatchResponseWriter(Stream output)
{
    protected Stream Output { get; } = output;

    public abstract string ContentType { get; }

    public abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Writes what comes before a part's body: its id, status and headers.</summary>
    public abstract Task BeginPartAsync(string? id, int status, IHeaderDictionary headers, CancellationToken cancellationToken);

    /// <summary>Writes body bytes of the current part.</summary>
    public abstract ValueTask WriteBodyAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    public abstract Task EndPartAsync(CancellationToken cancellationToken);

    public abstract Task EndAsync(CancellationToken cancellationToken);

    public static BatchResponseWriter For(bool json, Stream output) => json ? new JsonBatchWriter(output) : new MultipartBatchWriter(output);

    protected ValueTask WriteAsync(string text, CancellationToken cancellationToken) => Output.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
}

/// <summary>multipart/mixed (Protocol 11.7.7): each part an application/http message with its Content-ID echoed.</summary>
internal sealed class MultipartBatchWriter(Stream output) : BatchResponseWriter(output)
{
    private readonly string _boundary = $"batchresponse_{Guid.NewGuid():N}";

    public override string ContentType => $"multipart/mixed;boundary={_boundary}";

    public override Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task BeginPartAsync(string? id, int status, IHeaderDictionary headers, CancellationToken cancellationToken)
    {
        var part = new StringBuilder()
            .Append($"--{_boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n")
            .Append(id is null ? "" : $"Content-ID: {id}\r\n")
            .Append($"\r\nHTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\n");
        foreach (var (name, value) in headers)
        {
            part.Append($"{name}: {value}\r\n");
        }

        await WriteAsync(part.Append("\r\n").ToString(), cancellationToken);
    }

    public override ValueTask WriteBodyAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => Output.WriteAsync(bytes, cancellationToken);

    public override async Task EndPartAsync(CancellationToken cancellationToken) => await WriteAsync("\r\n", cancellationToken);

    public override async Task EndAsync(CancellationToken cancellationToken) => await WriteAsync($"--{_boundary}--\r\n", cancellationToken);
}

/// <summary>
/// The JSON batch format (JSON Format 19.5): each response's id, status, headers and body; a JSON body as it is, any
/// other (text/plain for $count and $value, text/csv) as a string, escaped as it streams.
/// </summary>
internal sealed class JsonBatchWriter(Stream output) : BatchResponseWriter(output)
{
    private bool _first = true;
    private bool _text;
    private bool _bodyStarted;

    // Streaming: the members of each response come in the order a reader needs them (no reordering buffer).
    public override string ContentType => "application/json;odata.streaming=true";

    public override async Task StartAsync(CancellationToken cancellationToken) => await WriteAsync("{\"responses\":[", cancellationToken);

    public override async Task BeginPartAsync(string? id, int status, IHeaderDictionary headers, CancellationToken cancellationToken)
    {
        var part = new StringBuilder(_first ? "{" : ",{");
        _first = false;
        part.Append($"\"id\":{Quote(id ?? "")},\"status\":{status},\"headers\":{{");
        part.AppendJoin(',', headers.Select(h => $"{Quote(h.Key.ToLowerInvariant())}:{Quote(h.Value.ToString())}"));
        part.Append('}');
        var type = headers.ContentType.ToString();
        _text = !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
        _bodyStarted = false;
        await WriteAsync(part.ToString(), cancellationToken);
    }

    public override async ValueTask WriteBodyAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (!_bodyStarted)
        {
            _bodyStarted = true;
            await WriteAsync(_text ? ",\"body\":\"" : ",\"body\":", cancellationToken);
        }

        if (!_text)
        {
            await Output.WriteAsync(bytes, cancellationToken);
            return;
        }

        // Only ASCII bytes need escaping in a JSON string; the bytes of multi-byte UTF-8 characters pass as they are.
        var span = bytes.Span;
        var buffer = new List<byte>(bytes.Length + 16);
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            var replacement = b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                < 0x20 => $"\\u{b:x4}",
                _ => null,
            };
            if (replacement is null)
            {
                buffer.Add(b);
                continue;
            }

            buffer.AddRange(Encoding.ASCII.GetBytes(replacement));
        }

        await Output.WriteAsync(buffer.ToArray(), cancellationToken);
    }

    public override async Task EndPartAsync(CancellationToken cancellationToken) =>
        await WriteAsync(_bodyStarted && _text ? "\"}" : "}", cancellationToken);

    public override async Task EndAsync(CancellationToken cancellationToken) => await WriteAsync("]}", cancellationToken);

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}

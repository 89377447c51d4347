using Microsoft.OData;
using Microsoft.OData.Edm;
using Observatory.Api.Feed.Parsing;

namespace Observatory.Api.Feed.Batch;

/// <summary>
/// Reads a $batch body, multipart/mixed or JSON (Protocol 11.7; JSON Format 19), with the OData library's batch
/// reader, whole and up front: the requests are small, and every fault of the batch itself (no boundary, a boundary
/// that delimits nothing, too many parts, a change set in a read-only feed) is answered before any part runs.
/// </summary>
public static class BatchReader
{
    public static async Task<IReadOnlyList<BatchOperation>> ReadAsync(HttpRequest http, byte[] body, Uri serviceRoot, IEdmModel model, int maxParts)
    {
        var message = new RequestMessage(http, body);
        var settings = new ODataMessageReaderSettings
        {
            BaseUri = serviceRoot,
            // The JSON batch format is OData 4.01's; its requests say so.
            Version = ODataVersion.V401,
            MaxProtocolVersion = ODataVersion.V401,
            MessageQuotas = { MaxPartsPerBatch = maxParts, MaxOperationsPerChangeset = maxParts, MaxNestingDepth = 2, MaxReceivedMessageSize = body.Length + 1 },
        };
        var operations = new List<BatchOperation>();
        try
        {
            using var reader = new ODataMessageReader((IODataRequestMessageAsync)message, settings, model);
            var batch = await reader.CreateODataBatchReaderAsync();
            while (await batch.ReadAsync())
            {
                switch (batch.State)
                {
                    case ODataBatchReaderState.ChangesetStart:
                        throw FeedRequestException.BadRequest(
                            "Change sets (atomicity groups) hold changes to data, and this feed is read-only. Send the reads as separate parts of the batch.");
                    case ODataBatchReaderState.Operation:
                        var operation = await batch.CreateOperationRequestMessageAsync();
                        if (operation.GroupId is not null)
                        {
                            throw FeedRequestException.BadRequest(
                                "Change sets (atomicity groups) hold changes to data, and this feed is read-only. Send the reads as separate parts of the batch.");
                        }

                        await using (var content = await operation.GetStreamAsync())
                        using (var copy = new MemoryStream())
                        {
                            await content.CopyToAsync(copy);
                            operations.Add(new BatchOperation(operation.ContentId, operation.Method, operation.Url,
                                operation.Headers.ToList(), copy.ToArray()));
                        }

                        break;
                }
            }
        }
        catch (ODataException e)
        {
            throw FeedRequestException.BadRequest($"The batch cannot be read: {e.Message}");
        }
        catch (Exception e) when (e is FormatException or UriFormatException or ArgumentException or InvalidOperationException)
        {
            // The reader's own failures on malformed input (a body that is not base64, a URL that is not one).
            throw FeedRequestException.BadRequest($"The batch cannot be read: {e.Message}");
        }

        return operations.Count > 0
            ? operations
            : throw FeedRequestException.BadRequest(http.ContentType?.Contains("multipart", StringComparison.OrdinalIgnoreCase) == true
                ? "The batch holds no request: no part is delimited by the boundary its Content-Type names."
                : "The batch holds no request.");
    }

    private sealed class RequestMessage(HttpRequest http, byte[] body) : IODataRequestMessageAsync
    {
        private readonly Dictionary<string, string> _headers = http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

        public Uri Url { get; set; } = new(http.Path, UriKind.Relative);

        public string Method { get; set; } = http.Method;

        public string? GetHeader(string headerName) => _headers.GetValueOrDefault(headerName);

        public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;

        public Stream GetStream() => new MemoryStream(body, writable: false);

        public Task<Stream> GetStreamAsync() => Task.FromResult(GetStream());
    }
}

using Microsoft.OData;

namespace Observatory.Tests.Clients;

/// <summary>An HTTP response as the OData library's readers take it: status, headers (content headers among them) and body.</summary>
public sealed class ODataResponse(HttpResponseMessage response) : IODataResponseMessageAsync
{
    private readonly Dictionary<string, string> _headers = response.Headers.Concat(response.Content.Headers)
        .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);

    public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

    public int StatusCode
    {
        get => (int)response.StatusCode;
        set => throw new NotSupportedException("A response that has been received is read, not written.");
    }

    public string? GetHeader(string headerName) => _headers.GetValueOrDefault(headerName);

    public void SetHeader(string headerName, string headerValue) =>
        throw new NotSupportedException("A response that has been received is read, not written.");

    public Stream GetStream() => response.Content.ReadAsStream();

    public Task<Stream> GetStreamAsync() => response.Content.ReadAsStreamAsync();

    /// <summary>
    /// The same message as a request, which the library reads without a context URL. It refuses every response without
    /// one, odata.metadata=none among them (OData/odata.net#1723), though JSON Format 3.1.3 leaves it out there.
    /// </summary>
    public IODataRequestMessageAsync AsRequest() => new Received(this);

    private sealed class Received(ODataResponse response) : IODataRequestMessageAsync
    {
        public IEnumerable<KeyValuePair<string, string>> Headers => response.Headers;

        public Uri Url { get => new("http://localhost/"); set => throw new NotSupportedException(); }

        public string Method { get => "GET"; set => throw new NotSupportedException(); }

        public string? GetHeader(string headerName) => response.GetHeader(headerName);

        public void SetHeader(string headerName, string headerValue) => throw new NotSupportedException();

        public Stream GetStream() => response.GetStream();

        public Task<Stream> GetStreamAsync() => response.GetStreamAsync();
    }
}

/// <summary>A request body written by the OData library's writers (a $batch), to be sent with <see cref="HttpClient"/>.</summary>
public sealed class ODataRequest(string method, Uri url) : IODataRequestMessageAsync
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public MemoryStream Body { get; } = new();

    public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

    public Uri Url { get => url; set => url = value; }

    public string Method { get => method; set => method = value; }

    public string? GetHeader(string headerName) => _headers.GetValueOrDefault(headerName);

    public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;

    public Stream GetStream() => Body;

    public Task<Stream> GetStreamAsync() => Task.FromResult<Stream>(Body);

    /// <summary>The written request, with the headers the writer set (Content-Type with its boundary, OData-Version).</summary>
    public HttpRequestMessage ToHttp()
    {
        var content = new ByteArrayContent(Body.ToArray());
        var http = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
        foreach (var (name, value) in _headers)
        {
            if (!http.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return http;
    }
}

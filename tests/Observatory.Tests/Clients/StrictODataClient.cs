using System.Xml;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;
using Observatory.Tests.Feed;

namespace Observatory.Tests.Clients;

/// <summary>
/// Microsoft's OData libraries as a strict client of the feed: the model read from the feed's own $metadata with
/// <see cref="CsdlReader"/>, and responses read against it by <see cref="ODataMessageReader"/> with every validation on.
/// </summary>
public sealed class StrictODataClient(HttpClient http, IEdmModel model)
{
    /// <summary>The service root the OData library parses against.</summary>
    public static readonly Uri ServiceRoot = new("http://localhost/odata/");

    private static readonly string Vocabulary = Path.Combine(ReportReproductionTests.RepositoryRoot(), "tests", "Observatory.Tests", "Clients", "AggregationVocabulary.xml");

    public IEdmModel Model => model;

    public HttpClient Http => http;

    /// <summary>Every validation on; pages of 5,000 wide rows are well past the library's 1 MiB default.</summary>
    public static ODataMessageReaderSettings Settings => new()
    {
        Validations = ValidationKinds.All,
        MaxProtocolVersion = ODataVersion.V401,
        MessageQuotas = { MaxReceivedMessageSize = 64L * 1024 * 1024 },
    };

    public IEdmEntitySet Set(string name) => model.EntityContainer.FindEntitySet(name);

    /// <summary>Reads $metadata, supplying the Aggregation vocabulary it references (<c>AggregationVocabulary.xml</c>).</summary>
    public static async Task<(IEdmModel? Model, IReadOnlyList<EdmError> Errors)> ReadModelAsync(HttpClient http)
    {
        await using var csdl = await http.GetStreamAsync(new Uri(ServiceRoot, "$metadata"));
        using var reader = XmlReader.Create(csdl);
        var parsed = CsdlReader.TryParse(reader, uri => uri.AbsoluteUri.EndsWith("/Org.OData.Aggregation.V1.xml", StringComparison.Ordinal)
            ? XmlReader.Create(Vocabulary)
            : null, out var model, out var errors);
        return (parsed ? model : null, [.. errors ?? []]);
    }

    /// <summary>A client over a model read from the feed, failing the test when $metadata does not read.</summary>
    public static async Task<StrictODataClient> ConnectAsync(HttpClient http)
    {
        var (model, errors) = await ReadModelAsync(http);
        Assert.True(model is not null, "$metadata does not read: " + string.Join("; ", errors));
        return new StrictODataClient(http, model);
    }

    public async Task<HttpResponseMessage> GetAsync(string url, string accept = "application/json", string? prefer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ServiceRoot, url));
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        return await SucceededAsync(await http.SendAsync(request));
    }

    /// <summary>Fails the test with the feed's answer when it is not a success.</summary>
    public static async Task<HttpResponseMessage> SucceededAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} -> {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }

    /// <summary>A page of a collection, read as a resource set of <paramref name="set"/>'s type.</summary>
    /// <param name="response">The feed's response.</param>
    /// <param name="set">The set whose type the rows have.</param>
    /// <param name="aggregated">
    /// The rows of a $apply: their aliases are dynamic properties of the set's type (Data Aggregation 3), which the
    /// library reads only when told to (the one validation turned off, as the researcher's guide says).
    /// </param>
    public async Task<ODataPage> ReadPageAsync(HttpResponseMessage response, IEdmEntitySet set, bool aggregated = false)
    {
        using var reader = Reader(response, aggregated);
        return await ODataPage.ReadAsync(await reader.CreateODataResourceSetReaderAsync(set, set.EntityType));
    }

    /// <summary>One entity, read as a resource of <paramref name="set"/>'s type.</summary>
    public async Task<ODataEntry> ReadEntityAsync(HttpResponseMessage response, IEdmEntitySet set)
    {
        using var reader = Reader(response);
        return await ODataEntry.ReadSingleAsync(await reader.CreateODataResourceReaderAsync(set, set.EntityType));
    }

    public async Task<ODataProperty> ReadPropertyAsync(HttpResponseMessage response, IEdmStructuralProperty property)
    {
        using var reader = Reader(response);
        return await reader.ReadPropertyAsync(property);
    }

    /// <summary>A reader of the response; one without control information is read as the library reads requests.</summary>
    private ODataMessageReader Reader(HttpResponseMessage response, bool aggregated = false)
    {
        var message = new ODataResponse(response);
        var settings = Settings;
        if (aggregated)
        {
            settings.Validations &= ~ValidationKinds.ThrowOnUndeclaredPropertyForNonOpenType;
        }

        return response.Content.Headers.ContentType?.Parameters.Any(p => p.Name == "odata.metadata" && p.Value == "none") == true
            ? new ODataMessageReader(message.AsRequest(), settings, model)
            : new ODataMessageReader(message, settings, model);
    }
}

/// <summary>A resource as read, with the resources expanded below it by navigation property.</summary>
public sealed class ODataEntry(ODataResource resource)
{
    public ODataResource Resource => resource;

    public Dictionary<string, ODataEntry?> Expanded { get; } = [];

    public object? this[string property] => resource.Properties.OfType<ODataProperty>().SingleOrDefault(p => p.Name == property)?.Value;

    public static async Task<ODataEntry> ReadSingleAsync(ODataReader reader) => Assert.Single((await ReadAsync(reader)).Entries);

    internal static async Task<(List<ODataEntry> Entries, ODataResourceSet? Set)> ReadAsync(ODataReader reader)
    {
        var entries = new List<ODataEntry>();
        var open = new Stack<ODataEntry?>();
        var links = new Stack<ODataNestedResourceInfo>();
        ODataResourceSet? set = null;
        while (await reader.ReadAsync())
        {
            switch (reader.State)
            {
                case ODataReaderState.ResourceStart:
                    open.Push(reader.Item is ODataResource started ? new ODataEntry(started) : null);
                    break;
                case ODataReaderState.ResourceEnd:
                    var ended = open.Pop();
                    if (open.Count == 0)
                    {
                        entries.Add(ended!);
                    }
                    else if (open.Peek() is { } parent)
                    {
                        parent.Expanded[links.Peek().Name] = ended;
                    }

                    break;
                case ODataReaderState.NestedResourceInfoStart:
                    links.Push((ODataNestedResourceInfo)reader.Item);
                    break;
                case ODataReaderState.NestedResourceInfoEnd:
                    links.Pop();
                    break;
                case ODataReaderState.ResourceSetEnd when open.Count == 0:
                    set = (ODataResourceSet)reader.Item;
                    break;
            }
        }

        return (entries, set);
    }
}

/// <summary>A page of a collection as read: its rows, count and next link.</summary>
public sealed record ODataPage(IReadOnlyList<ODataEntry> Entries, long? Count, Uri? NextLink)
{
    public static async Task<ODataPage> ReadAsync(ODataReader reader)
    {
        var (entries, set) = await ODataEntry.ReadAsync(reader);
        return new ODataPage(entries, set?.Count, set?.NextPageLink);
    }
}

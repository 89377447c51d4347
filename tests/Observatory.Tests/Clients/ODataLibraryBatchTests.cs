using System.Globalization;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Clients;

/// <summary>
/// A $batch written by Microsoft's ODataBatchWriter, in each format and with each way it addresses parts, and the
/// feed's answer read by its ODataBatchReader: each part's id, status and body, read strictly.
/// </summary>
public class ODataLibraryBatchTests(DemoWarehouses demo)
{
    [Theory]
    [InlineData("multipart", BatchPayloadUriOption.AbsoluteUri)]
    [InlineData("multipart", BatchPayloadUriOption.AbsoluteUriUsingHostHeader)]
    [InlineData("multipart", BatchPayloadUriOption.RelativeUri)]
    [InlineData("json", BatchPayloadUriOption.AbsoluteUri)]
    [InlineData("json", BatchPayloadUriOption.RelativeUri)]
    public async Task EveryPartIsAnsweredWithItsIdAndReadsStrictly(string format, BatchPayloadUriOption addressing)
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        using var host = new FeedHost(options);
        var client = await StrictODataClient.ConnectAsync(host.CreateClient());
        var ethnicity = Convert.ToInt32(await WarehouseQueries.ScalarAsync(options, "SELECT \"EthnicityKey\" FROM \"Referrals\" WHERE \"ReferralId\" = 42"));
        var code = (string)(await WarehouseQueries.RowsAsync(options, "SELECT \"Code\" FROM \"Ethnicities\" WHERE \"EthnicityKey\" = 3"))[0][0]!;
        var count = (long)await WarehouseQueries.ScalarAsync(options, "SELECT COUNT(*) FROM \"Referrals\" WHERE \"ReferralDateKey\" >= 20230901");
        var referrals = client.Set("Referrals");
        var ethnicities = client.Set("Ethnicities");
        (string Id, string Path, Func<ODataMessageReader, Task<object?>> Read)[] parts =
        [
            ("1", "Referrals(ReferralId=42)", async r => (await ODataEntry.ReadSingleAsync(await r.CreateODataResourceReaderAsync(referrals, referrals.EntityType)))["ReferralId"]),
            ("2", "Referrals(42)/Ethnicity", async r => (await ODataEntry.ReadSingleAsync(await r.CreateODataResourceReaderAsync(ethnicities, ethnicities.EntityType)))["EthnicityKey"]),
            ("3", "Ethnicities(3)/Code", async r => (await r.ReadPropertyAsync((IEdmStructuralProperty)ethnicities.EntityType.FindProperty("Code"))).Value),
            // The count is text, which a JSON batch carries as a string (JSON Format 19.1); the library hands such a
            // body on with its quotes (ODataJsonBatchBodyContentReaderStream), so it is read as text, not as a raw Int64.
            ("4", "Referrals/$count?$filter=ReferralDateKey%20ge%2020230901", async r => long.Parse(((string)await r.ReadValueAsync(EdmCoreModel.Instance.GetString(false))).Trim('"'), CultureInfo.InvariantCulture)),
            ("5", "Referrals(999999999)", async r => (await r.ReadErrorAsync()).Code),
        ];

        // The library's JSON batch reader stops at any error object it meets inside the batch (BufferingJsonReader's
        // in-stream error check), so an error part can only be read from a multipart batch; BatchTests reads the JSON
        // batch's error parts as plain JSON.
        if (format == "json")
        {
            parts = parts[..^1];
        }

        var request = await WriteBatchAsync(client.Model, format, addressing, parts.Select(p => (p.Id, p.Path)));
        var response = await StrictODataClient.SucceededAsync(await client.Http.SendAsync(request));
        var answers = new List<(string? Id, int Status, object? Value)>();
        using (var reader = new ODataMessageReader(new ODataResponse(response), StrictODataClient.Settings, client.Model))
        {
            var batch = await reader.CreateODataBatchReaderAsync();
            while (await batch.ReadAsync())
            {
                if (batch.State == ODataBatchReaderState.Operation)
                {
                    var part = await batch.CreateOperationResponseMessageAsync();
                    using var body = new ODataMessageReader(part, StrictODataClient.Settings, client.Model);
                    answers.Add((part.ContentId, part.StatusCode, await parts[answers.Count].Read(body)));
                }
            }
        }

        // The library's multipart writer gives a part a Content-ID only inside a change set, so only JSON parts have ids to echo.
        string? Id(string id) => format == "json" ? id : null;
        (string?, int, object?)[] expected = [(Id("1"), 200, 42L), (Id("2"), 200, ethnicity), (Id("3"), 200, code), (Id("4"), 200, count), (Id("5"), 404, "NotFound")];
        Assert.Equal(expected[..parts.Length], answers);
    }

    private static async Task<HttpRequestMessage> WriteBatchAsync(IEdmModel model, string format, BatchPayloadUriOption addressing, IEnumerable<(string Id, string Path)> parts)
    {
        var root = StrictODataClient.ServiceRoot;
        var request = new ODataRequest("POST", new Uri(root, "$batch"));
        var settings = new ODataMessageWriterSettings { BaseUri = root, Version = format == "json" ? ODataVersion.V401 : ODataVersion.V4 };
        if (format == "json")
        {
            settings.SetContentType("application/json", "utf-8");
        }
        else
        {
            settings.SetContentType(ODataFormat.Batch);
        }

        using (var writer = new ODataMessageWriter(request, settings, model))
        {
            var batch = await writer.CreateODataBatchWriterAsync();
            await batch.WriteStartBatchAsync();
            foreach (var (id, path) in parts)
            {
                await batch.CreateOperationRequestMessageAsync("GET", new Uri(root, path), id, addressing);
            }

            await batch.WriteEndBatchAsync();
        }

        return request.ToHttp();
    }
}

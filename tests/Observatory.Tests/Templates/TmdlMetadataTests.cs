using Observatory.Tests.Clients;
using Observatory.Tests.Feed;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Templates;

/// <summary>Every table, column, type and relationship of the committed model is one the live service's $metadata has.</summary>
public class TmdlMetadataTests(DemoWarehouses demo)
{
    [Fact]
    public async Task EveryTableColumnTypeAndRelationshipOfTheModelIsInTheFeedsMetadata()
    {
        var model = TmdlDocument.Load(TmdlDocument.CommittedFolder);
        var problems = TmdlMetadataChecks.Problems(model, await MetadataAsync());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(model.Roots.Count(o => o.Type == "table") >= 20);
        Assert.True(model.Roots.Count(o => o.Type == "relationship") >= 20);
    }

    [Fact]
    public async Task AMisspeltColumnAWrongTypeAndAnInventedRelationshipAreFound()
    {
        var files = new Dictionary<string, string>
        {
            ["tables/Referrals.tmdl"] = TmdlSamples.Tabs(TmdlSamples.Table("Referrals", "Referrals", ("ServiceKey", "int64"), ("Recoverd", "int64"), ("AgeBandKey", "string"))),
            ["tables/Nowhere.tmdl"] = TmdlSamples.Tabs(TmdlSamples.Table("Nowhere", "Nowhere", ("Id", "int64"))),
            ["relationships.tmdl"] = TmdlSamples.Tabs("""
                relationship a
                    fromColumn: Referrals.ServiceKey
                    toColumn: Services.ServiceKey

                relationship b
                    fromColumn: Referrals.GenderKey
                    toColumn: Ethnicities.EthnicityKey
                """),
        };

        var problems = TmdlMetadataChecks.Problems(TmdlDocument.Parse(files), await MetadataAsync());

        Assert.Equal(4, problems.Count);
        foreach (var expected in new[]
        {
            "tables/Referrals.tmdl:7: column Referrals[Recoverd] (source Recoverd) is not a property of Referral",
            "tables/Referrals.tmdl:12: column Referrals[AgeBandKey] is string, but the feed's Edm.Int32 arrives as int64",
            "tables/Nowhere.tmdl:1: table Nowhere is not an entity set",
            "relationships.tmdl:5: relationship Referrals.GenderKey to Ethnicities.EthnicityKey is not a navigation",
        })
        {
            Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
        }
    }

    private async Task<Microsoft.OData.Edm.IEdmModel> MetadataAsync()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));
        return (await StrictODataClient.ConnectAsync(host.CreateClient())).Model;
    }
}

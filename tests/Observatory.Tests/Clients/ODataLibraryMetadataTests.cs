using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Validation;
using Microsoft.OData.Edm.Vocabularies;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Clients;

/// <summary>The feed's $metadata as Microsoft's OData library reads it: parsed by CsdlReader and validated.</summary>
public class ODataLibraryMetadataTests(DemoWarehouses demo)
{
    [Fact]
    public async Task TheLibraryReadsTheFeedsMetadataAndValidatesItWithoutAnError()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));

        var (model, errors) = await StrictODataClient.ReadModelAsync(host.CreateClient());

        Assert.Empty(errors.Select(e => e.ToString()));
        Assert.NotNull(model);
        model.Validate(out var validation);
        Assert.Empty((validation ?? []).Select(e => e.ToString()));
    }

    [Fact]
    public async Task ApplySupportedResolvesToTheAggregationVocabularysTypesOnEverySet()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));

        var client = await StrictODataClient.ConnectAsync(host.CreateClient());
        var term = client.Model.FindTerm("Org.OData.Aggregation.V1.ApplySupported");

        Assert.NotNull(term);
        Assert.All(client.Model.EntityContainer.EntitySets(), set =>
        {
            var annotation = Assert.Single(client.Model.FindVocabularyAnnotations<IEdmVocabularyAnnotation>(set, term));
            var record = Assert.IsType<IEdmRecordExpression>(annotation.Value, exactMatch: false);
            var rollup = Assert.IsType<IEdmEnumMemberExpression>(record.FindProperty("Rollup").Value, exactMatch: false);
            Assert.Equal("Org.OData.Aggregation.V1.RollupType", Assert.Single(rollup.EnumMembers).DeclaringType.FullName());
        });
    }
}

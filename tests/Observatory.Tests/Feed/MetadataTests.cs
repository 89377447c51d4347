using System.Text.Json;
using System.Xml.Linq;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Validation;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;
using Observatory.Api.Feed.Limits;
using Observatory.Api.Feed.Metadata;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

public class MetadataTests(DemoWarehouses demo)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void TheModelPassesTheODataLibrarysOwnValidation()
    {
        var valid = FeedCapabilities.Build(new FeedLimits()).Validate(out var errors);

        Assert.True(valid, string.Join("; ", errors?.Select(e => e.ToString()) ?? []));
    }

    [Fact]
    public void EverySetTypeAndPropertyCarriesADescription()
    {
        var model = FeedCapabilities.Build(new FeedLimits());
        string? Description(IEdmVocabularyAnnotatable target) => model.GetDescriptionAnnotation(target);

        foreach (var set in model.EntityContainer.EntitySets())
        {
            Assert.False(string.IsNullOrWhiteSpace(Description(set)), set.Name);
            Assert.False(string.IsNullOrWhiteSpace(Description(set.EntityType)), set.EntityType.Name);
            Assert.All(set.EntityType.DeclaredProperties, p =>
                Assert.False(string.IsNullOrWhiteSpace(Description(p)), $"{set.EntityType.Name}.{p.Name}"));
        }

        var results = model.SchemaElements.OfType<IEdmComplexType>().Where(t => t.Namespace == "Observatory").ToList();
        Assert.NotEmpty(results);
        foreach (var type in results)
        {
            Assert.False(string.IsNullOrWhiteSpace(Description(type)), type.Name);
            Assert.All(type.DeclaredProperties, p => Assert.False(string.IsNullOrWhiteSpace(Description(p)), $"{type.Name}.{p.Name}"));
        }

        var function = Assert.Single(model.SchemaElements.OfType<IEdmFunction>());
        Assert.False(string.IsNullOrWhiteSpace(Description(function)), function.Name);
        Assert.All(function.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(Description(p)), $"{function.Name}({p.Name})"));
    }

    [Fact]
    public async Task MetadataDeclaresTheEvaluateFunctionWithItsOptionalParametersForEveryRole()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        using var host = new FeedHost(options);
        var researcher = host.CreateClient();
        researcher.DefaultRequestHeaders.Add("X-Api-Key", await TestKeys.CreateAsync(options, Access.Roles.Role.Researcher));

        foreach (var client in new[] { host.CreateClient(), researcher })
        {
            var xml = XDocument.Parse(await client.GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative), Cancel));
            XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";
            var function = xml.Descendants(edm + "Function").Single(f => (string?)f.Attribute("Name") == "Evaluate");
            var parameters = function.Elements(edm + "Parameter").ToDictionary(p => (string)p.Attribute("Name")!);

            Assert.Equal("true", (string?)function.Attribute("IsBound"));
            Assert.Equal("Collection(Observatory.LiveIndicatorValue)", (string?)function.Element(edm + "ReturnType")!.Attribute("Type"));
            Assert.Equal(["indicator", "period", "area", "breakdown", "filter"], parameters.Keys);
            Assert.Equal("Observatory.Indicator", (string?)parameters["indicator"].Attribute("Type"));
            Assert.Equal(["area", "breakdown", "filter"], parameters.Where(p => p.Value.Elements(edm + "Annotation")
                .Any(a => ((string?)a.Attribute("Term"))?.EndsWith("Core.OptionalParameter", StringComparison.Ordinal) == true)).Select(p => p.Key));
        }
    }

    [Fact]
    public async Task MetadataComesAsCsdlXmlAndJsonWithTheCapabilitiesTheFeedHas()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));
        var client = host.CreateClient();

        var xml = XDocument.Parse(await client.GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative), Cancel));
        // Power Query reads $metadata as XML whatever it accepts for data; JSON CSDL is asked for explicitly.
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/odata/$metadata?$format=application/json", UriKind.Relative), Cancel)).RootElement;

        XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";
        var referrals = xml.Descendants(edm + "EntitySet").Single(s => (string?)s.Attribute("Name") == "Referrals");
        var terms = referrals.Elements(edm + "Annotation").Select(a => (string)a.Attribute("Term")!).ToList();
        Assert.Contains("Aggregation.ApplySupported", terms);
        Assert.Contains("Capabilities.CountRestrictions", terms);
        Assert.Contains("Capabilities.FilterFunctions", terms);
        Assert.Contains("Capabilities.InsertRestrictions", terms);
        Assert.Equal("4.0", json.GetProperty("$Version").GetString());
        Assert.True(json.GetProperty("Observatory").TryGetProperty("Referral", out _));
    }

    [Fact]
    public async Task OasisConverterTurnsTheMetadataIntoOpenApiWithoutComplaint()
    {
        var converter = Path.Combine(ReportReproductionTests.RepositoryRoot(), "tests", "openapi", "node_modules", "odata-openapi", "lib", "cli.js");
        if (!File.Exists(converter))
        {
            const string reason = "Run 'npm ci --prefix tests/openapi' to install OASIS' odata-openapi converter.";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));
        var directory = Directory.CreateTempSubdirectory("observatory-openapi");
        var metadata = Path.Combine(directory.FullName, "metadata.xml");
        var openApi = Path.Combine(directory.FullName, "openapi.json");
        await File.WriteAllTextAsync(metadata, await host.CreateClient().GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative), Cancel), Cancel);

        var run = await ProcessRunner.RunExecutableAsync("node", [converter, "--openapi-version", "3.0.2", "-t", openApi, metadata]);
        var document = JsonDocument.Parse(await File.ReadAllTextAsync(openApi, Cancel)).RootElement;
        directory.Delete(recursive: true);

        Assert.Equal(0, run.ExitCode);
        Assert.True(string.IsNullOrWhiteSpace(run.Error), run.Error);
        Assert.True(document.GetProperty("paths").TryGetProperty("/Referrals", out var referrals));
        Assert.False(referrals.TryGetProperty("post", out _), "The read-only feed must not advertise inserts.");
    }
}

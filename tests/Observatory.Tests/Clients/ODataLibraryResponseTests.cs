using System.Globalization;
using Microsoft.OData.Edm;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Clients;

/// <summary>
/// The feed's responses read by Microsoft's ODataMessageReader against the model from the feed's own $metadata,
/// with every validation on: what a strict .NET client accepts, value by value.
/// </summary>
public class ODataLibraryResponseTests(DemoWarehouses demo)
{
    private const string Filter = "ReferralDateKey ge 20230901";

    private static readonly Dictionary<EdmPrimitiveTypeKind, Type> Clr = new()
    {
        [EdmPrimitiveTypeKind.Int64] = typeof(long), [EdmPrimitiveTypeKind.Int32] = typeof(int), [EdmPrimitiveTypeKind.String] = typeof(string),
    };

    [Theory]
    [InlineData("minimal")]
    [InlineData("full")]
    [InlineData("none")]
    public async Task AFullPageOfReferralsWithTheirEthnicitiesReadsAtEveryMetadataLevel(string metadata)
    {
        using var host = new FeedHost(await Warehouse());
        var client = await StrictODataClient.ConnectAsync(host.CreateClient());
        var codes = (await RowsAsync("SELECT \"EthnicityKey\", \"Code\" FROM \"Ethnicities\""))
            .ToDictionary(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture), r => (string)r[1]!);

        var response = await client.GetAsync($"Referrals?$filter={Filter}&$expand=Ethnicity($select=EthnicityKey,Code)", $"application/json;odata.metadata={metadata}");
        var page = await client.ReadPageAsync(response, client.Set("Referrals"));

        Assert.Equal(5000, page.Entries.Count);
        Assert.NotNull(page.NextLink);
        Assert.All(page.Entries, referral =>
        {
            Assert.IsType<long>(referral["ReferralId"]);
            Assert.True((int)referral["ReferralDateKey"]! >= 20230901);
            var ethnicity = referral.Expanded["Ethnicity"]!;
            Assert.Equal(referral["EthnicityKey"], ethnicity["EthnicityKey"]);
            Assert.Equal(codes[(int)ethnicity["EthnicityKey"]!], ethnicity["Code"]);
            if (metadata == "full")
            {
                Assert.Equal(new Uri(StrictODataClient.ServiceRoot, $"Referrals({referral["ReferralId"]})"), referral.Resource.Id);
                Assert.Equal("Observatory.Referral", referral.Resource.TypeName);
            }
        });
    }

    [Theory]
    [InlineData("Referrals(42)", "Referrals", "ReferralId", 42L)]
    [InlineData("Referrals(ReferralId=42)", "Referrals", "ReferralId", 42L)]
    [InlineData("Referrals(ReferralId=42L)", "Referrals", "ReferralId", 42L)]
    [InlineData("Ethnicities(3)", "Ethnicities", "EthnicityKey", 3)]
    public async Task OneEntityReadsByItsKey(string url, string set, string key, object value)
    {
        using var host = new FeedHost(await Warehouse());
        var client = await StrictODataClient.ConnectAsync(host.CreateClient());

        foreach (var metadata in new[] { "minimal", "full", "none" })
        {
            var entity = await client.ReadEntityAsync(await client.GetAsync(url, $"application/json;odata.metadata={metadata}"), client.Set(set));

            Assert.Equal(value, entity[key]);
        }
    }

    [Fact]
    public async Task TheEntityAtTheEndOfANavigationReadsAsAnEntityOfTheTargetSet()
    {
        using var host = new FeedHost(await Warehouse());
        var client = await StrictODataClient.ConnectAsync(host.CreateClient());
        var expected = (await RowsAsync("SELECT \"EthnicityKey\" FROM \"Referrals\" WHERE \"ReferralId\" = 42"))[0][0];

        foreach (var metadata in new[] { "minimal", "full", "none" })
        {
            var ethnicity = await client.ReadEntityAsync(await client.GetAsync("Referrals(42)/Ethnicity", $"application/json;odata.metadata={metadata}"), client.Set("Ethnicities"));

            Assert.Equal(Convert.ToInt32(expected, CultureInfo.InvariantCulture), ethnicity["EthnicityKey"]);
        }
    }

    [Theory]
    [InlineData("Ethnicities(3)/Code", "Ethnicities", "Code", "SELECT \"Code\" FROM \"Ethnicities\" WHERE \"EthnicityKey\" = 3")]
    [InlineData("Referrals(42)/PersonId", "Referrals", "PersonId", "SELECT \"PersonId\" FROM \"Referrals\" WHERE \"ReferralId\" = 42")]
    [InlineData("Referrals(42)/ReferralDateKey", "Referrals", "ReferralDateKey", "SELECT \"ReferralDateKey\" FROM \"Referrals\" WHERE \"ReferralId\" = 42")]
    public async Task APropertyReadsAsAPropertyOfItsDeclaredType(string url, string set, string name, string sql)
    {
        using var host = new FeedHost(await Warehouse());
        var client = await StrictODataClient.ConnectAsync(host.CreateClient());
        var property = (IEdmStructuralProperty)client.Set(set).EntityType.FindProperty(name);
        var expected = (await RowsAsync(sql))[0][0];

        foreach (var accept in new[] { "application/json", "application/json;odata.metadata=full", "application/json;IEEE754Compatible=true" })
        {
            var read = await client.ReadPropertyAsync(await client.GetAsync(url, accept), property);

            Assert.Equal(Convert.ToString(expected, CultureInfo.InvariantCulture), Convert.ToString(read.Value, CultureInfo.InvariantCulture));
            Assert.Equal(Clr[property.Type.PrimitiveKind()], read.Value.GetType());
        }
    }

    /// <summary>With IEEE754Compatible=true the reader requires 64-bit integers as strings, and refuses numbers.</summary>
    [Fact]
    public async Task AnIeee754CompatiblePageCarriesItsInt64ValuesAndCountAsStrings()
    {
        using var host = new FeedHost(await Warehouse());
        var client = await StrictODataClient.ConnectAsync(host.CreateClient());
        var count = (long)await WarehouseQueries.ScalarAsync(await Warehouse(), $"SELECT COUNT(*) FROM \"Referrals\" WHERE \"ReferralDateKey\" >= 20230901");

        var response = await client.GetAsync($"Referrals?$filter={Filter}&$select=ReferralId,PersonId,EthnicityKey&$count=true",
            "application/json;odata.metadata=minimal;IEEE754Compatible=true");
        var text = await response.Content.ReadAsStringAsync();
        var page = await client.ReadPageAsync(response, client.Set("Referrals"));

        Assert.Contains($"\"@odata.count\":\"{count}\"", text, StringComparison.Ordinal);
        Assert.Equal(count, page.Count);
        Assert.Equal(5000, page.Entries.Count);
        Assert.All(page.Entries, r => Assert.IsType<long>(r["PersonId"]));
        Assert.All(page.Entries, r => Assert.IsType<int>(r["EthnicityKey"]));
    }

    /// <summary>The rows of a $apply are transient entities (a null id, JSON Format 4.5.8), their aliases typed.</summary>
    [Theory]
    [InlineData("minimal")]
    [InlineData("full")]
    public async Task TheGroupsOfAnApplyReadAsTransientRowsWithTypedAggregates(string metadata)
    {
        using var host = new FeedHost(await Warehouse());
        var client = await StrictODataClient.ConnectAsync(host.CreateClient());
        var expected = (await RowsAsync(
                "SELECT \"EthnicityKey\", COUNT(*), SUM(\"SessionsAttended\") FROM \"Referrals\" WHERE \"ReferralDateKey\" >= 20230901 GROUP BY \"EthnicityKey\" ORDER BY 1"))
            .Select(r => (Convert.ToInt32(r[0], CultureInfo.InvariantCulture), Convert.ToDecimal(r[1], CultureInfo.InvariantCulture), Convert.ToDecimal(r[2], CultureInfo.InvariantCulture)))
            .ToList();

        var response = await client.GetAsync(
            $"Referrals?$apply=filter({Filter})/groupby((EthnicityKey),aggregate($count as Total,SessionsAttended with sum as Sessions))",
            $"application/json;odata.metadata={metadata}");
        var page = await client.ReadPageAsync(response, client.Set("Referrals"), aggregated: true);

        Assert.All(page.Entries, r => Assert.Null(r.Resource.Id));
        // Data Aggregation makes $count an Edm.Decimal; a sum's type is the feed's choice, so only its value is compared.
        Assert.Equal(expected, page.Entries
            .Select(r => ((int)r["EthnicityKey"]!, (decimal)r["Total"]!, Convert.ToDecimal(r["Sessions"], CultureInfo.InvariantCulture)))
            .OrderBy(r => r.Item1));
    }

    private Task<WarehouseOptions> Warehouse() => demo.GetAsync(WarehouseProvider.Sqlite);

    private async Task<List<object?[]>> RowsAsync(string sql) => await WarehouseQueries.RowsAsync(await Warehouse(), sql);
}

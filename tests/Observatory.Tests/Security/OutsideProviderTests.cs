using System.Globalization;
using Observatory.Access.Roles;
using Observatory.Api.Security;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using static Observatory.Tests.Security.ScopeAnswers;

namespace Observatory.Tests.Security;

/// <summary>
/// A caller limited to a provider that names another provider, or one of its services, by code or by key is told 403
/// OutsideScope; its own services are served, and conditions that only exclude or match a part are narrowed. On both providers.
/// </summary>
public class OutsideProviderTests(DemoWarehouses demo)
{
    private const string Provider = "RQX";

    public static TheoryData<WarehouseProvider> Providers => TestLocation.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NamingAnotherProviderOrItsServiceByCodeOrKeyIsRefusedWith403AndTheOwnServicesAreServed(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, Role.Analyst, $"provider:{Provider}");
        var other = await ServiceAsync(options, $"<> '{Provider}'");
        var own = await ServiceAsync(options, $"= '{Provider}'");

        foreach (var set in new[] { "Referrals", "Appointments", "MonthlyReferrals", "MonthlyOutcomes" })
        {
            foreach (var condition in new[]
                     {
                         $"Service/Provider/Code eq '{other.Provider}'", $"'{other.Provider}' eq Service/Provider/Code", $"Service/Provider/Code in ('{Provider}','{other.Provider}')",
                         $"tolower(Service/Provider/Code) eq '{other.Provider.ToLowerInvariant()}'", $"not (Service/Provider/Code ne '{other.Provider}')",
                         $"Service/Code eq '{other.Service}'", $"Service/Code in ('{other.Service}')", $"ServiceKey eq {other.ServiceKey}",
                         $"Service/ServiceKey eq {other.ServiceKey}", $"Service/ProviderKey eq {other.ProviderKey}", $"Service/Provider/ProviderKey eq {other.ProviderKey}",
                     })
            {
                await RefusedAsync(client, $"{set}?$filter={condition}&$top=1", OutsideScope.Code, $"You are limited to provider:{Provider}");
                await RefusedAsync(client, $"{set}/$count?$filter={condition}", OutsideScope.Code, $"You are limited to provider:{Provider}");
            }

            // Its own provider and services by code or key: every row of its own; exclusions and parts are narrowed.
            var all = await CountAsync(client, $"{set}/$count");
            Assert.True(all > 0, $"{set} has no rows of {Provider}: the test proves nothing");
            foreach (var (condition, keepsAll) in new[]
                     {
                         ($"Service/Provider/Code eq '{Provider}'", true), ($"Service/ProviderKey eq {own.ProviderKey}", true), ($"Service/Provider/Code ne '{other.Provider}'", true),
                         ($"not (Service/Code eq '{other.Service}')", true), ($"contains(Service/Provider/Code,'{other.Provider}')", false),
                     })
            {
                Assert.Equal(keepsAll ? all : 0, await CountAsync(client, $"{set}/$count?$filter={condition}"));
            }

            Assert.InRange(await CountAsync(client, $"{set}/$count?$filter=Service/Code eq '{own.Service}'"), 1, all);
        }

        await RefusedAsync(client, $"Referrals?$apply=filter(Service/Code eq '{other.Service}')/groupby((Ethnicity/BroadGroup),aggregate($count as n))", OutsideScope.Code,
            $"Referrals has no rows with Service/Code '{other.Service}'", "ask for Service/Code");
        await RefusedAsync(client, Evaluate("tt-referrals", "2022/23", filter: $"Service/Code eq '{other.Service}'"), OutsideScope.Code, $"provider:{Provider}");
        var parts = await BatchAsync(client, $"Referrals?$filter=ServiceKey eq {other.ServiceKey}", $"MonthlyReferrals/$count?$filter=Service/Code eq '{own.Service}'");
        Assert.Equal([(403, OutsideScope.Code), (200, "")], parts);
    }

    private static async Task<(string Provider, string Service, long ServiceKey, long ProviderKey)> ServiceAsync(WarehouseOptions options, string provider)
    {
        var row = (await WarehouseQueries.RowsAsync(options,
            "SELECT p.\"Code\", s.\"Code\", s.\"ServiceKey\", p.\"ProviderKey\" FROM \"Services\" s JOIN \"Providers\" p ON p.\"ProviderKey\" = s.\"ProviderKey\" " +
            $"WHERE p.\"Code\" {provider} ORDER BY s.\"Code\" LIMIT 1"))[0];
        return ((string)row[0]!, (string)row[1]!, Convert.ToInt64(row[2], CultureInfo.InvariantCulture), Convert.ToInt64(row[3], CultureInfo.InvariantCulture));
    }
}

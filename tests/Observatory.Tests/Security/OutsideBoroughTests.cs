using Observatory.Access.Roles;
using Observatory.Api.Security;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using static Observatory.Tests.Security.ScopeAnswers;

namespace Observatory.Tests.Security;

/// <summary>
/// A caller limited to a borough that names another borough (by eq or in, however rephrased) is told 403 OutsideScope,
/// not given an empty 200; a condition that only narrows is narrowed to the caller's own rows, as before. Through
/// $filter, $apply, /$count, live evaluations and $batch parts, on both providers.
/// </summary>
public class OutsideBoroughTests(DemoWarehouses demo)
{
    private const string City = "City of London";
    private const string Scope = $"borough:{City}";

    public static TheoryData<WarehouseProvider> Providers => TestLocation.Providers;

    // Each set a borough scope limits, and where it records the borough (docs/security.md's table).
    private static readonly (string Set, string Path)[] Sets =
    [
        ("Referrals", "Area/Borough"), ("HealthChecks", "Area/Borough"), ("Population", "Area/Borough"), ("Appointments", "Referral/Area/Borough"),
        ("ProgrammeOutcomes", "Referral/Area/Borough"), ("MonthlyReferrals", "Borough"), ("MonthlyOutcomes", "Borough"), ("YearlyHealthChecks", "Borough"),
        ("IndicatorValues", "Area"),
    ];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NamingAnotherBoroughIsRefusedOnEverySetThroughFilterApplyAndCountAndTheOwnBoroughIsServed(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, Role.Analyst, Scope);

        foreach (var (set, path) in Sets)
        {
            var other = $"{path} eq 'Hackney'";
            foreach (var url in new[] { $"{set}?$filter={other}", $"{set}/$count?$filter={other}", $"{set}?$apply=filter({other})/aggregate($count as n)",
                         $"{set}?$apply=groupby(({path}),aggregate($count as n))&$filter={other}", $"{set}?$filter='Hackney' eq {path}&$top=1" })
            {
                await RefusedAsync(client, url, OutsideScope.Code, $"You are limited to {Scope}", $"with {path} 'Hackney'", $"ask for {path} eq '{City}'");
            }

            var all = await CountAsync(client, $"{set}/$count");
            Assert.True(all > 0, $"{set} has no rows in {City}: the test proves nothing");
            Assert.Equal(all, await CountAsync(client, $"{set}/$count?$filter={path} eq '{City}'"));
        }

        // The ICS's values carry the ICS's name, not the borough's.
        await RefusedAsync(client, "IndicatorValues?$filter=Area eq 'City and Hackney'", OutsideScope.Code, "'City and Hackney'");
    }

    /// <summary>Every way of asking for Hackney by name, each refused; on a stored set's $filter and on a fact set's $apply alike.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RephrasingsThatNameAnotherBoroughAreRefusedWith403(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, Role.Analyst, Scope);

        foreach (var condition in new[]
                 {
                     "Area eq 'Hackney'", "'Hackney' eq Area", "Area in ('Hackney')", "Area in ('City of London','Hackney')", "tolower(Area) eq 'hackney'",
                     "toupper(Area) eq 'HACKNEY'", "trim(Area) eq 'Hackney'", "not (Area ne 'Hackney')", "not (not (Area eq 'Hackney'))",
                     "Area eq 'Hackney' or Area eq 'City of London'", "(Area eq 'Hackney') eq true", "(Area ne 'Hackney') eq false",
                     "Area eq 'Hackney' and Breakdown eq 'overall'", "not (Area ne 'Hackney' and Breakdown ne 'nothing')",
                     // The borough's own name misspelt names no row of it: refused rather than an empty answer.
                     "Area eq 'city of london'",
                 })
        {
            await RefusedAsync(client, $"IndicatorValues?$filter={condition}&$top=1", OutsideScope.Code, Scope);
            var onFacts = condition.Replace("Area", "Area/Borough", StringComparison.Ordinal).Replace("Breakdown eq 'overall'", "Gender/Name ne ''", StringComparison.Ordinal)
                .Replace("Breakdown ne 'nothing'", "Gender/Name ne ''", StringComparison.Ordinal);
            await RefusedAsync(client, $"Referrals?$apply=filter({onFacts})/aggregate($count as n)", OutsideScope.Code, Scope);
        }
    }

    /// <summary>Conditions that name no borough by equality only narrow: the caller gets its own rows that satisfy them, all or none.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RephrasingsThatOnlyMatchOrExcludeAreNarrowedToTheCallersOwnRows(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, Role.Analyst, Scope);
        var all = await CountAsync(client, "IndicatorValues/$count");

        foreach (var (condition, keepsOwn) in new[]
                 {
                     ("contains(Area,'Hack')", false), ("startswith(Area,'Hack')", false), ("endswith(Area,'ney')", false), ("substring(Area,0,4) eq 'Hack'", false),
                     ("Area ne 'City of London'", false), ("not (Area eq 'City of London')", false), ("Area ne 'Hackney'", true), ("not (Area eq 'Hackney')", true),
                     ("not (Area in ('Hackney'))", true), ("contains(Area,'City')", true), ("Area gt 'A'", true), ("tolower(Area) eq 'city of london'", true),
                     ("Area eq null", false),
                 })
        {
            Assert.Equal(keepsOwn ? all : 0, await CountAsync(client, $"IndicatorValues/$count?$filter={condition}"));
            var facts = await GetAsync(client, $"Referrals?$apply=filter({condition.Replace("Area", "Area/Borough", StringComparison.Ordinal)})/groupby((Area/Borough),aggregate($count as n))");
            Assert.True(facts.Status == System.Net.HttpStatusCode.OK, $"{condition}: {facts.Body}");
            Assert.DoesNotContain("Hackney", facts.Body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnEvaluationsAreaFilterAndResultFilterNamingAnotherBoroughAreRefusedAndBatchPartsAnswerAlike(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, Role.Analyst, Scope);

        await RefusedAsync(client, Evaluate("tt-referrals", "2022/23", "Hackney"), OutsideScope.Code, $"You are limited to {Scope}: evaluate for area='{City}', not 'Hackney'");
        await RefusedAsync(client, Evaluate("tt-referrals", "2022/23"), OutsideScope.Code, "not 'City and Hackney'");
        foreach (var filter in new[] { "Area/Borough eq 'Hackney'", "Area/Borough in ('Hackney')", "not (Area/Borough ne 'Hackney')", "tolower(Area/Borough) eq 'hackney'" })
        {
            await RefusedAsync(client, Evaluate("tt-referrals", "2022/23", City, filter), OutsideScope.Code, "Referrals has no rows with Area/Borough '", "ask for Area/Borough eq 'City of London'");
        }

        await RefusedAsync(client, Evaluate("tt-referrals", "2022/23", City) + "?$filter=Area eq 'Hackney'", OutsideScope.Code, "with Area 'Hackney'");
        // Narrowing filters evaluate as before: excluding the other borough changes nothing.
        var own = await GetAsync(client, Evaluate("tt-referrals", "2022/23", City));
        var narrowed = await GetAsync(client, Evaluate("tt-referrals", "2022/23", City, "Area/Borough ne 'Hackney'"));
        Assert.Equal((System.Net.HttpStatusCode.OK, own.Body), (narrowed.Status, narrowed.Body));

        var parts = await BatchAsync(client, "IndicatorValues?$filter=Area eq 'Hackney'", "Referrals/$count?$filter=Area/Borough in ('Hackney')",
            "MonthlyReferrals?$apply=filter(Borough eq 'Hackney')/aggregate(Referrals with sum as n)", Evaluate("tt-referrals", "2022/23", City, "Area/Borough eq 'Hackney'"),
            $"IndicatorValues/$count?$filter=Area eq '{City}'");
        Assert.Equal([(403, OutsideScope.Code), (403, OutsideScope.Code), (403, OutsideScope.Code), (403, OutsideScope.Code), (200, "")], parts);
    }
}

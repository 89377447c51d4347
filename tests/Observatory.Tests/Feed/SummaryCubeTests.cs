using System.Text.Json;
using Observatory.Access.Roles;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

/// <summary>
/// A $apply that asks only for what a summary cube keeps is answered from the cube, transparently: the same URL gives
/// the same answer, cell for cell, as from the facts (the host with <c>Feed:SummaryCubes=false</c>), unrestricted and
/// at the controlled level, and the <c>Observatory-Answered-From</c> header names the cube.
/// </summary>
public class SummaryCubeTests(DemoWarehouses demo)
{
    /// <summary>Questions boards and analysts ask, each covered by a cube, by both dates of a referral.</summary>
    public static IEnumerable<string> Covered()
    {
        foreach (var date in new[] { "ReferralDate", "EndDate" })
        {
            yield return $"Referrals?$apply=groupby(({date}/FinancialYear),aggregate($count as n))";
            yield return $"Referrals?$apply=groupby(({date}/FinancialYear,Ethnicity/BroadGroup),aggregate($count as n,Recovered with sum as r))";
            yield return $"Referrals?$apply=filter({date}/FinancialYear eq '2022/23')/groupby((Ethnicity/Code,Ethnicity/Name),aggregate($count as n,DroppedOut with sum as d))";
            yield return $"Referrals?$apply=filter(Service/Code eq 'TT' and {date}/FinancialYear eq '2022/23')/groupby((AgeBand/Name,Ethnicity/BroadGroup),aggregate(Recovered with sum as r,FinishedAtCaseness with sum as f))";
            yield return $"Referrals?$apply=filter(Area/Borough eq 'Hackney')/groupby((Gender/Name,Area/ImdQuintile),aggregate($count as n,WaitToTreatmentDays with sum as w))";
            yield return $"Referrals?$apply=groupby(({date}/MonthKey,Service/Code),aggregate($count as n,EnteredTreatment with sum as e))";
            yield return $"Referrals?$apply=filter({date}/FinancialYear eq '2021/22')/groupby((AgeBand/Name,Gender/Code,Area/ImdQuintile),aggregate($count as n))";
            yield return $"Referrals?$apply=filter(Service/Code eq 'CAMHS' and {date}/FinancialQuarter eq 2)/groupby(({date}/FinancialYear,Area/Borough),aggregate($count as n))&$orderby=n desc";
        }

        yield return "Referrals?$apply=aggregate($count as n,ReliablyRecovered with sum as rr)";
        yield return "Referrals?$apply=groupby((Ethnicity/BroadGroup),aggregate($count as n))/filter(n gt 1000)";
        yield return "HealthChecks?$apply=groupby((PeriodEndDate/FinancialYear,Ethnicity/BroadGroup),aggregate(AllSixChecks with sum as a,$count as n))";
        yield return "HealthChecks?$apply=filter(PeriodEndDate/FinancialYear eq '2021/22')/groupby((Gender/Name,AgeBand/Name),aggregate($count as n,BmiCheck with sum as b))";
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task EveryQueryGivesTheSameAnswerFromACubeAsFromTheFacts(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var cubes = new FeedHost(options);
        await using var facts = new FeedHost(options, new Dictionary<string, string?> { ["Feed:SummaryCubes"] = "false" });
        var documented = ApplyQuerySet.Load().Select(q => q.Url).ToList();
        var answeredFromCubes = 0;

        foreach (var url in Covered().Concat(documented))
        {
            var (fromCube, cube) = await GetAsync(cubes.CreateClient(), url);
            var (fromFacts, none) = await GetAsync(facts.CreateClient(), url);

            Assert.Null(none);
            Assert.True(fromCube == fromFacts, $"{url} from {cube}:\n{fromCube}\nfrom the facts:\n{fromFacts}");
            if (Covered().Contains(url))
            {
                Assert.True(cube is not null, $"{url} was not answered from a cube");
            }

            answeredFromCubes += cube is null ? 0 : 1;
        }

        Assert.True(answeredFromCubes > Covered().Count(), $"{answeredFromCubes} answered from cubes");
    }

    [Fact]
    public async Task AtTheControlledLevelACubeReleasesTheSameCountsAsTheFacts()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var cubes = new FeedHost(options);
        await using var facts = new FeedHost(options, new Dictionary<string, string?> { ["Feed:SummaryCubes"] = "false" });
        var key = await TestKeys.CreateAsync(options, Role.Researcher);
        string[] urls =
        [
            "Referrals?$apply=filter(ReferralDate/FinancialYear eq '2022/23')/groupby((Ethnicity/Code,Area/Borough),aggregate($count as n,Recovered with sum as r))",
            "Referrals?$apply=filter(EndDate/FinancialYear eq '2022/23' and Service/Code eq 'TT')/groupby((AgeBand/Name,Ethnicity/BroadGroup),aggregate(FinishedAtCaseness with sum as f))",
            "Referrals?$apply=groupby((Gender/Name,Area/ImdQuintile))",
            "HealthChecks?$apply=groupby((PeriodEndDate/FinancialYear,Ethnicity/BroadGroup),aggregate(AllSixChecks with sum as a,$count as n))",
        ];

        foreach (var url in urls)
        {
            var (fromCube, cube) = await GetAsync(Client(cubes, key), url);
            var (fromFacts, _) = await GetAsync(Client(facts, key), url);

            Assert.NotNull(cube);
            Assert.Equal(fromFacts, fromCube);
        }
    }

    [Fact]
    public async Task WhatNoCubeKeepsIsAnsweredFromTheFactsWithoutTheHeader()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        string[] uncovered =
        [
            "Referrals?$apply=groupby((ReferralDate/DayOfWeek),aggregate($count as n))",
            "Referrals?$apply=groupby((Area/LsoaCode),aggregate($count as n))",
            "Referrals?$apply=groupby((Ethnicity/BroadGroup),aggregate(WaitToTreatmentDays with average as w))",
            "Referrals?$apply=filter(EnteredTreatment eq 1)/aggregate($count as n)",
            "Referrals?$apply=groupby((ReferralDate/FinancialYear,EndDate/FinancialYear),aggregate($count as n))",
            "Appointments?$apply=aggregate($count as n)",
        ];

        foreach (var url in uncovered)
        {
            Assert.Null((await GetAsync(host.CreateClient(), url)).Cube);
        }
    }

    private static HttpClient Client(FeedHost host, string key)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>The rows of the answer as JSON text, and the cube the header names.</summary>
    private static async Task<(string Rows, string? Cube)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri("/odata/" + url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        var cube = response.Headers.TryGetValues("Observatory-Answered-From", out var values) ? values.Single() : null;
        client.Dispose();
        return (JsonDocument.Parse(body).RootElement.GetProperty("value").GetRawText(), cube);
    }
}

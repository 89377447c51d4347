using Observatory.Query;
using Observatory.Query.Sql;
using Observatory.Warehouse.Providers;

namespace Observatory.Tests.Indicators;

/// <summary>Catalogue filters as the SQL conditions of the indicator engine's scans.</summary>
public class FactConditionsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachTermJoinedByAndIsAConditionOfItsOwn()
    {
        var conditions = await new FactConditions("Referrals", SqliteDialect.Instance)
            .TranslateAsync("EndDateKey ne null and FinishedTreatment eq 1", Token);

        Assert.Equal(["(f.\"EndDateKey\" IS NOT NULL)", "(f.\"FinishedTreatment\" = 1)"], conditions);
    }

    [Fact]
    public async Task ATermOnOneDimensionBecomesRunsOfTheKeysItsQueryResolvesTo()
    {
        var queries = new List<string>();
        var conditions = await new FactConditions("Referrals", SqliteDialect.Instance, (sql, _) =>
        {
            queries.Add(sql);
            return Task.FromResult<IReadOnlyList<long>>([7, 1, 2, 3]);
        }).TranslateAsync("Service/Code eq 'TT'", Token);

        Assert.Equal(["SELECT d.\"ServiceKey\" FROM \"Services\" AS d WHERE (d.\"Code\" = 'TT')"], queries);
        Assert.Equal(["(f.\"ServiceKey\" BETWEEN 1 AND 3 OR f.\"ServiceKey\" = 7)"], conditions);
    }

    [Fact]
    public async Task WithoutAResolverADimensionTermIsASubqueryOfItsKeys()
    {
        var conditions = await new FactConditions("Referrals", SqliteDialect.Instance).TranslateAsync("Service/Code eq 'TT'", Token);

        Assert.Equal(["f.\"ServiceKey\" IN (SELECT d.\"ServiceKey\" FROM \"Services\" AS d WHERE (d.\"Code\" = 'TT'))"], conditions);
    }

    [Theory]
    [InlineData("Sqlite", "Ethnicity/IsKnown eq true", "(d.\"IsKnown\" = 1)")]
    [InlineData("PostgreSql", "Ethnicity/IsKnown eq true", "(d.\"IsKnown\" = TRUE)")]
    [InlineData("Sqlite", "EndDate/Date ge 2021-04-01", "(d.\"Date\" >= '2021-04-01')")]
    [InlineData("PostgreSql", "EndDate/Date ge 2021-04-01", "(d.\"Date\" >= DATE '2021-04-01')")]
    [InlineData("Sqlite", "Service/Name eq 'Children''s services'", "(d.\"Name\" = 'Children''s services')")]
    public async Task LiteralsAreWrittenIntoTheTextAsTheDialectSpellsThem(string provider, string filter, string condition)
    {
        SqlDialect dialect = provider == "Sqlite" ? SqliteDialect.Instance : PostgreSqlDialect.Instance;

        var conditions = await new FactConditions("Referrals", dialect).TranslateAsync(filter, Token);

        Assert.EndsWith($"WHERE {condition})", Assert.Single(conditions), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATermReadingTheFactsAndADimensionReadsTheDimensionRowItsKeyNames()
    {
        var conditions = await new FactConditions("Referrals", SqliteDialect.Instance)
            .TranslateAsync("Service/Code eq 'TT' or EndDateKey eq null", Token);

        Assert.Equal(
            ["(((SELECT d.\"Code\" FROM \"Services\" AS d WHERE d.\"ServiceKey\" = f.\"ServiceKey\") = 'TT') OR (f.\"EndDateKey\" IS NULL))"],
            conditions);
    }

    [Fact]
    public async Task AFilterThatDoesNotParseIsRefusedSayingSo()
    {
        var error = await Assert.ThrowsAsync<QueryException>(() =>
            new FactConditions("Referrals", SqliteDialect.Instance).TranslateAsync("Service/Colour eq 'TT'", Token));

        Assert.Contains("does not parse", error.Message, StringComparison.Ordinal);
    }
}

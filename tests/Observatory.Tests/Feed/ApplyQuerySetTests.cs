using System.Globalization;
using System.Text.Json;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

/// <summary>
/// The documented $apply query set (docs/apply-queries.json), asked of the feed on each provider: every answer
/// equals the hand-written SQL's, and the feed ran it as one grouped statement in the database.
/// </summary>
public class ApplyQuerySetTests(DemoWarehouses demo)
{
    public static TheoryData<WarehouseProvider, string> Queries
    {
        get
        {
            var data = new TheoryData<WarehouseProvider, string>();
            foreach (var provider in new[] { WarehouseProvider.Sqlite, WarehouseProvider.PostgreSql })
            {
                foreach (var query in ApplyQuerySet.Load())
                {
                    data.Add(provider, query.Name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task TheFeedAnswersAsTheHandWrittenSqlDoesInOneGroupedStatement(WarehouseProvider provider, string name)
    {
        var query = ApplyQuerySet.Load().Single(q => q.Name == name);
        var options = await demo.GetAsync(provider);
        using var host = new FeedHost(options);

        using var response = await host.CreateClient().GetAsync(new Uri("/odata/" + query.Url, UriKind.Relative), TestContext.Current.CancellationToken);
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var feed = JsonDocument.Parse(json).RootElement.GetProperty("value").EnumerateArray()
            .Select(row => Canonical(Flatten(row))).Order(StringComparer.Ordinal).ToList();
        var sql = (await WarehouseQueries.RowsAsync(options, query.Sql))
            .Select(row => Canonical(row)).Order(StringComparer.Ordinal).ToList();
        // The set's own table, or the summary cube the header names (SummaryCubeTests holds the two to the same answer).
        var table = response.Headers.TryGetValues("Observatory-Answered-From", out var cube) ? cube.Single() : query.Url[..query.Url.IndexOf('?', StringComparison.Ordinal)];
        var statements = host.Sql.Where(s => s.Contains($"\"{table}\"", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(feed);
        Assert.Equal(sql, feed);
        var statement = Assert.Single(statements);
        Assert.Contains("GROUP BY", statement, StringComparison.Ordinal);
    }

    private static IEnumerable<object?> Flatten(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Where(p => !p.Name.Contains('@', StringComparison.Ordinal)).SelectMany(p => Flatten(p.Value)),
        JsonValueKind.Null => [null],
        JsonValueKind.Number => [element.GetDouble()],
        JsonValueKind.String => [element.GetString()],
        JsonValueKind.True => [1.0],
        JsonValueKind.False => [0.0],
        _ => [element.ToString()],
    };

    private static string Canonical(IEnumerable<object?> values) => string.Join('|', values.Select(value => value switch
    {
        null => "null",
        string text => text,
        bool flag => flag ? "1" : "0",
        IConvertible number => Math.Round(Convert.ToDouble(number, CultureInfo.InvariantCulture), 6).ToString("R", CultureInfo.InvariantCulture),
        var other => other.ToString(),
    }));
}

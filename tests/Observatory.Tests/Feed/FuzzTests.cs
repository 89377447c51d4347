using System.Net;
using System.Text;
using System.Text.Json;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

/// <summary>
/// Thousands of query strings built from the OData grammar and then broken in the ways people and scripts break
/// them: no answer may be a 5xx, every error must be an OData error body, and every 200 must be complete JSON.
/// </summary>
public class FuzzTests(DemoWarehouses demo)
{
    private const int Requests = 2500;

    [Fact]
    public async Task NoQueryStringMakesTheFeedFailOrLeak()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));
        var client = host.CreateClient();
        var grammar = new QueryGrammar(new Random(20221109));
        var failures = new List<string>();

        for (var i = 0; i < Requests && failures.Count < 10; i++)
        {
            var url = grammar.Url();
            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            }
            catch (InvalidOperationException)
            {
                // A path the HTTP layer cannot even carry (a NUL byte): Kestrel refuses such a request line with 400.
                continue;
            }
            catch (HttpRequestException e)
            {
                failures.Add($"response broken off ({e.InnerException?.InnerException?.Message}): {url}");
                continue;
            }

            using var _ = response;
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException e)
            {
                failures.Add($"response broken off ({e.InnerException?.InnerException?.Message}): {url}");
                continue;
            }

            if (Problem(response, body) is { } problem)
            {
                failures.Add($"{problem}: {url}\n    {body[..Math.Min(body.Length, 300)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string? Problem(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        // 501 is the conformant refusal of valid OData the feed does not implement ($search, functions, casts).
        if (status >= 500 && status != 501)
        {
            return $"HTTP {status}";
        }

        if (body.Contains("Exception", StringComparison.Ordinal) || body.Contains("stacktrace", StringComparison.OrdinalIgnoreCase)
            || body.Contains(" at Microsoft.", StringComparison.Ordinal) || body.Contains("SELECT ", StringComparison.Ordinal))
        {
            return "internals in the body";
        }

        if (response.Content.Headers.ContentType?.MediaType is not ("application/json" or null) || status == (int)HttpStatusCode.NotFound && body.Length == 0)
        {
            return status >= 400 ? "error body is not JSON" : null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (status >= 400 && !(json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out _)))
            {
                return "error without an OData error object";
            }
        }
        catch (JsonException)
        {
            return "incomplete or invalid JSON";
        }

        return null;
    }

    /// <summary>Query strings from the OData grammar over the warehouse's own names, with deliberate damage.</summary>
    private sealed class QueryGrammar(Random random)
    {
        private static readonly string[] Sets = ["Referrals", "Appointments", "HealthChecks", "Ethnicities", "Dates", "Services", "MonthlyOutcomes", "Population", "WarehouseLoads", "Nope", "Referrals(1)", "Referrals/$count", "Referrals('x')", "$metadata", ""];
        private static readonly string[] Properties = ["ReferralId", "ServiceKey", "EndDateKey", "Recovered", "WaitToTreatmentDays", "FirstPhq9", "Date", "Code", "Name", "BroadGroup", "IsKnown", "Residents", "MonthKey", "Missing", "", "ReferralId/Foo"];
        private static readonly string[] Navigations = ["Service", "Ethnicity", "EndDate", "ReferralDate", "Area", "Referral", "Month", "Nope"];
        private static readonly string[] Literals = ["1", "-1", "0", "2147483648", "9223372036854775808", "1.5", "1e308", "-0.0", "'TT'", "'O''Brien'", "''", "null", "true", "false", "2022-03-31", "2022-13-45", "duration'P1D'", "'\u0000'", "'%'", "'😀'", "' OR 1=1 --'", "'); DROP TABLE Referrals; --", "INF", "NaN", "binary'AAEC'", "9999-12-31T23:59:59Z", "@p", "$it", "$root/Referrals(1)"];
        private static readonly string[] Operators = ["eq", "ne", "gt", "ge", "lt", "le", "and", "or", "add", "sub", "mul", "div", "mod", "has", "in", "EQ", "==", "like"];
        private static readonly string[] Functions = ["contains", "startswith", "endswith", "length", "indexof", "substring", "tolower", "toupper", "trim", "concat", "year", "month", "day", "round", "floor", "ceiling", "hour", "now", "matchesPattern", "cast", "isof", "geo.distance", "fractionalseconds", "unknownfn"];
        private static readonly string[] Aggregations = ["sum", "average", "min", "max", "countdistinct", "count", "median"];

        public string Url()
        {
            var set = Pick(Sets);
            var options = new List<string>();
            for (var n = random.Next(0, 5); n > 0; n--)
            {
                options.Add(Option());
            }

            var url = $"/odata/{set}" + (options.Count > 0 ? "?" + string.Join('&', options) : "");
            return random.Next(10) == 0 ? Damage(url) : url;
        }

        private string Option() => random.Next(13) switch
        {
            0 => "$filter=" + Escape(Expression(3)),
            1 => "$select=" + string.Join(',', Many(Properties, 3)),
            2 => "$expand=" + Expand(2),
            3 => "$orderby=" + string.Join(',', Many(Properties, 3).Select(p => p + Pick([" asc", " desc", "", " sideways"]))),
            4 => "$top=" + Pick(["0", "1", "10", "-1", "100001", "99999999999", "x", ""]),
            5 => "$skip=" + Pick(["0", "5", "-3", "2147483648", "y"]),
            6 => "$count=" + Pick(["true", "false", "maybe", ""]),
            7 => "$apply=" + Escape(Apply()),
            8 => "$skiptoken=" + Pick(["after-5", "after-x", "abc", "ReferralId-5", "after-9223372036854775807", ""]),
            9 => "$format=" + Pick(["json", "csv", "xml", "atom", "application/json;odata.metadata=full", "text/csv"]),
            10 => "$compute=" + Escape(Expression(1) + " as X"),
            11 => Pick(["$search=x", "$levels=2", "$deltatoken=1", "$id=1", "$foo=bar", "unknown=1", "$filter=1&$filter=2", "$=", "%24filter=ServiceKey%20eq%201"]),
            _ => "$filter=" + Escape(Pick(Properties) + " in (" + string.Join(',', Enumerable.Range(0, random.Next(0, 40)).Select(_ => Pick(Literals))) + ")"),
        };

        private string Expression(int depth)
        {
            if (depth == 0 || random.Next(3) == 0)
            {
                return random.Next(4) switch
                {
                    0 => Pick(Properties),
                    1 => Pick(Literals),
                    2 => $"{Pick(Navigations)}/{Pick(Properties)}",
                    _ => $"{Pick(Functions)}({string.Join(',', Enumerable.Range(0, random.Next(0, 4)).Select(_ => Expression(0)))})",
                };
            }

            return random.Next(5) switch
            {
                0 => $"not {Expression(depth - 1)}",
                1 => $"({Expression(depth - 1)})",
                2 => $"{Pick(Navigations)}/any(x: x/{Pick(Properties)} eq {Pick(Literals)})",
                _ => $"{Expression(depth - 1)} {Pick(Operators)} {Expression(depth - 1)}",
            };
        }

        private string Expand(int depth)
        {
            var navigation = Pick(Navigations);
            return depth == 0 || random.Next(2) == 0
                ? navigation
                : $"{navigation}({Pick(["$select=" + Pick(Properties), "$expand=" + Expand(depth - 1), "$filter=" + Expression(1), "$top=2", "$levels=max", "$orderby=" + Pick(Properties)])})";
        }

        private string Apply()
        {
            var steps = new List<string>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                steps.Add(random.Next(5) switch
                {
                    0 => $"filter({Expression(2)})",
                    1 => $"groupby(({string.Join(',', Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(2) == 0 ? Pick(Properties) : $"{Pick(Navigations)}/{Pick(Properties)}"))}){(random.Next(2) == 0 ? "," + Aggregate() : "")})",
                    2 => Aggregate(),
                    3 => $"compute({Expression(1)} as C)",
                    _ => Pick(["topcount(2,ReferralId)", "orderby(ReferralId)", "top(3)", "skip(1)", "expand(Service)", "concat(filter(true),filter(false))", "aggregate(", "groupby(", ")", "identity"]),
                });
            }

            return string.Join('/', steps);
        }

        private string Aggregate() =>
            $"aggregate({string.Join(',', Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(4) == 0 ? "$count as N" : $"{Pick(Properties)} with {Pick(Aggregations)} as {Pick(["A", "B", "ReferralId", "1x", ""])}"))})";

        private string Damage(string url)
        {
            var chars = new StringBuilder(url);
            for (var n = random.Next(1, 4); n > 0 && chars.Length > 0; n--)
            {
                var at = random.Next(chars.Length);
                switch (random.Next(4))
                {
                    case 0: chars.Remove(at, 1); break;
                    case 1: chars.Insert(at, Pick(["(", ")", "'", "%", "%ZZ", "%00", "/", "$", ",", "\u00e9"])); break;
                    case 2: chars.Insert(at, new string('(', random.Next(1, 300))); break;
                    default: chars.Append(new string('x', random.Next(1, 20_000))); break;
                }
            }

            return chars.ToString();
        }

        private static string Escape(string value) => Uri.EscapeDataString(value);

        private string Pick(string[] values) => values[random.Next(values.Length)];

        private IEnumerable<string> Many(string[] values, int most) => Enumerable.Range(0, random.Next(0, most + 1)).Select(_ => Pick(values));
    }
}

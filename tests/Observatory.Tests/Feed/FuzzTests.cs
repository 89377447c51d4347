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
    private const int Requests = 3000;
    private const int BatchRequests = 300;

    /// <summary>The demo's anonymous Admin, and callers of each other role and scope by API key.</summary>
    public static TheoryData<string> Callers => ["demo", "Analyst borough:Hackney", "Analyst provider:RWK", "Board", "Researcher"];

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task NoQueryStringMakesTheFeedFailOrLeak(string caller)
    {
        var (host, client) = await HostAsync(caller);
        using var owner = host;
        using var connection = client;
        var grammar = new QueryGrammar(new Random(20221109));
        var failures = new List<string>();

        for (var i = 0; i < (caller == "demo" ? Requests : Requests / 3) && failures.Count < 10; i++)
        {
            var url = grammar.Url();
            HttpResponseMessage response;
            using var request = new HttpRequestMessage(grammar.Method(), new Uri(url, UriKind.Relative));
            try
            {
                grammar.Headers(request);
                response = await client.SendAsync(request, TestContext.Current.CancellationToken);
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
            if (request.Method == HttpMethod.Head)
            {
                if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.NotImplemented)
                {
                    failures.Add($"HTTP {(int)response.StatusCode} to HEAD: {url}");
                }

                continue;
            }

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

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task NoBatchBodyMakesTheFeedFailOrLeak(string caller)
    {
        var (host, client) = await HostAsync(caller);
        using var owner = host;
        using var connection = client;
        var grammar = new BatchGrammar(new QueryGrammar(new Random(20220309)));
        var failures = new List<string>();
        for (var i = 0; i < (caller == "demo" ? BatchRequests : BatchRequests / 3) && failures.Count < 10; i++)
        {
            var (body, contentType) = grammar.Batch();
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var response = await client.PostAsync(new Uri("/odata/$batch", UriKind.Relative), content, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var status = (int)response.StatusCode;
            if (status >= 500 && status != 501)
            {
                failures.Add($"HTTP {status}: {contentType}\n{body[..Math.Min(body.Length, 400)]}\n    {text[..Math.Min(text.Length, 300)]}");
            }
            else if (status == 200 && BatchGrammar.FailedParts(text, response.Content.Headers.ContentType) is { Count: > 0 } parts)
            {
                failures.Add($"parts answered {string.Join(", ", parts)}: {body[..Math.Min(body.Length, 400)]}");
            }
            else if (status >= 400 && Problem(response, text) is { } problem)
            {
                failures.Add($"{problem}: {body[..Math.Min(body.Length, 300)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A host without rate limits, and a client that is the caller (an API key of its role and scope, or none).</summary>
    private async Task<(FeedHost Host, HttpClient Client)> HostAsync(string caller)
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var host = new FeedHost(options, new Dictionary<string, string?> { ["Security:RequestsPerMinute"] = "0" });
        var client = host.CreateClient();
        if (caller != "demo")
        {
            var parts = caller.Split(' ', 2);
            client.DefaultRequestHeaders.Add("X-Api-Key",
                await TestKeys.CreateAsync(options, Observatory.Access.Roles.Roles.Parse(parts[0]), parts.Length > 1 ? parts[1] : null));
        }

        return (host, client);
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
        private static readonly string[] Keys = ["1", "42", "0", "-1", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "99999999999999999999", "42L", "'abc'", "''", "1.5", "null", "ReferralId=42", "ReferralId=42L", "EthnicityKey=3", "Nope=1", "ReferralId='x'", "ReferralId=", "1,2", "a=1,b=2", "", "(", "%00", "guid'00000000-0000-0000-0000-000000000000'", "2022-03-31", "$it"];
        private static readonly string[] Segments = ["Ethnicity", "Service", "Provider", "EndDate", "Code", "Name", "ReferralId", "BroadGroup", "$value", "$ref", "$count", "$query", "Observatory.Referral", "Observatory.Nope", "Nope", "Referral", "Month", "$batch", "$metadata", "$entity", "$all", "$crossjoin(Referrals,Services)", "Default.Fn()", "..", "%2E%2E", ""];
        private static readonly string[] MediaTypes = ["application/json", "text/csv", "text/plain", "application/xml", "*/*", "application/*", "text/*", "application/atom+xml", "multipart/mixed", "bogus"];
        private static readonly string[] MediaParameters = ["odata.metadata=minimal", "odata.metadata=full", "odata.metadata=none", "odata.metadata=bogus", "odata.streaming=true", "odata.streaming=maybe", "IEEE754Compatible=true", "ieee754compatible=false", "IEEE754Compatible=1", "charset=utf-8", "charset=latin1", "q=0.5", "q=0", "q=x", "odata=minimalmetadata", "x=1"];

        public HttpMethod Method() => random.Next(25) switch
        {
            0 => HttpMethod.Head,
            1 => HttpMethod.Delete,
            2 => HttpMethod.Post,
            _ => HttpMethod.Get,
        };

        public void Headers(HttpRequestMessage request)
        {
            if (random.Next(3) == 0)
            {
                request.Headers.TryAddWithoutValidation("Accept", string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => MediaType())));
            }

            if (random.Next(5) == 0)
            {
                request.Headers.TryAddWithoutValidation("Prefer", Pick(["odata.maxpagesize=3", "odata.maxpagesize=-1", "odata.maxpagesize=x", "omit-values=nulls", "return=minimal", "odata.maxpagesize=99999999999"]));
            }

            if (random.Next(8) == 0)
            {
                request.Headers.TryAddWithoutValidation("OData-MaxVersion", Pick(["4.0", "4.01", "3.0", "x"]));
            }
        }

        public string MediaType() =>
            Pick(MediaTypes) + string.Concat(Enumerable.Range(0, random.Next(0, 3)).Select(_ => ";" + Pick(MediaParameters)));

        /// <summary>A path below the feed: a set, a key in any form, and segments after it.</summary>
        public string Path()
        {
            if (random.Next(3) > 0)
            {
                return Pick(Sets);
            }

            var path = $"{Pick(Sets[..9])}({Pick(Keys)})";
            for (var n = random.Next(0, 4); n > 0; n--)
            {
                path += "/" + Pick(Segments);
            }

            return path;
        }

        public string Url()
        {
            var set = Path();
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
            9 => "$format=" + Escape(random.Next(2) == 0 ? Pick(["json", "csv", "xml", "atom", "application/json;odata.metadata=full", "text/csv"]) : MediaType()),
            10 => "$compute=" + Escape(string.Join(',', Enumerable.Range(0, random.Next(1, 4)).Select(i => Expression(2) + " as " + Pick(["X", "Y", "ReferralId", "Z" + i, ""])))),
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
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                steps.Add(random.Next(6) switch
                {
                    0 => $"filter({Expression(2)})",
                    // Groupings of every size, up to and past the limit.
                    1 => $"groupby(({string.Join(',', Enumerable.Range(0, random.Next(4) == 0 ? random.Next(20, 45) : random.Next(0, 4)).Select(_ => random.Next(2) == 0 ? Pick(Properties) : $"{Pick(Navigations)}/{Pick(Properties)}"))}){(random.Next(2) == 0 ? "," + Aggregate() : "")})",
                    2 => Aggregate(),
                    3 => $"compute({string.Join(',', Enumerable.Range(0, random.Next(1, 3)).Select(i => $"{Expression(2)} as C{i}"))})",
                    4 => $"compute(({Pick(Properties)} div {Pick(["0", "0.0", "-0", Pick(Properties)])}) mod {Pick(["0", "2", Pick(Properties)])} as Q)",
                    _ => Pick(["topcount(2,ReferralId)", "orderby(ReferralId)", "top(3)", "skip(1)", "expand(Service)", "expand(Service,filter(Code eq 'TT'))", "concat(filter(true),filter(false))", "aggregate(", "groupby(", ")", "identity", "nest(filter(true) as N)", "search(x)", "groupby((ServiceKey),groupby((AreaKey)))", "groupby((ServiceKey),filter(true))"]),
                });
            }

            return string.Join('/', steps);
        }

        private string Aggregate() =>
            $"aggregate({string.Join(',', Enumerable.Range(0, random.Next(4) == 0 ? random.Next(20, 40) : random.Next(1, 4)).Select(i => random.Next(4) == 0 ? "$count as N" + i : $"{(random.Next(3) == 0 ? Pick(Navigations) + "/" : "")}{Pick(Properties)} with {Pick(Aggregations)} as {Pick(["A", "B", "ReferralId", "1x", "", "A" + i])}"))})";

        public string Damage(string url)
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

        public string Pick(string[] values) => values[random.Next(values.Length)];

        public int Next(int most) => random.Next(most);

        private IEnumerable<string> Many(string[] values, int most) => Enumerable.Range(0, random.Next(0, most + 1)).Select(_ => Pick(values));
    }

    /// <summary>$batch bodies in both formats, with parts from the query grammar and broken in the ways clients break them.</summary>
    private sealed class BatchGrammar(QueryGrammar queries)
    {
        private static readonly string[] Prefixes = ["", "", "/odata/", "http://localhost/odata/", "http://elsewhere.example/odata/", "../", "/", "$1/", "https://localhost/odata/", "odata/"];
        private static readonly string[] Methods = ["GET", "GET", "GET", "HEAD", "POST", "DELETE", "PATCH", "get", "BREW"];
        private static readonly string[] DependsOn = ["nope"];

        public (string Body, string ContentType) Batch()
        {
            var parts = Enumerable.Range(0, queries.Next(6) == 0 ? queries.Next(95) + 10 : queries.Next(5)).Select(i =>
                (Id: queries.Pick([$"{i}", $"{i}", "", "x y", "\"", "1"]), Method: queries.Pick(Methods), Url: queries.Pick(Prefixes) + queries.Url().TrimStart('/')["odata/".Length..])).ToList();
            string body;
            string type;
            if (queries.Next(2) == 0)
            {
                var requests = parts.Select(p => queries.Next(10) switch
                {
                    0 => (object)new { id = p.Id, method = p.Method, url = p.Url, atomicityGroup = "g" },
                    1 => new { id = p.Id, method = p.Method, url = p.Url, dependsOn = DependsOn },
                    2 => new { id = p.Id, method = p.Method, url = p.Url, headers = new Dictionary<string, string> { ["Accept"] = queries.MediaType() }, body = "x" },
                    _ => new { id = p.Id, method = p.Method, url = p.Url },
                });
                body = JsonSerializer.Serialize(new { requests });
                type = queries.Pick(["application/json", "application/json", "application/json;odata.metadata=none", "application/json;charset=utf-8"]);
            }
            else
            {
                var boundary = queries.Pick(["b", "batch_1", "x-y"]);
                body = string.Concat(parts.Select(p => queries.Next(12) == 0
                    ? $"--{boundary}\r\nContent-Type: multipart/mixed;boundary=cs\r\n\r\n--cs\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n{p.Method} {p.Url} HTTP/1.1\r\n\r\n\r\n--cs--\r\n"
                    : $"--{boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: {p.Id}\r\n\r\n{p.Method} {p.Url} HTTP/1.1\r\nAccept: {queries.MediaType()}\r\n\r\n\r\n")) + $"--{boundary}--\r\n";
                type = queries.Pick([$"multipart/mixed;boundary={boundary}", $"multipart/mixed; boundary=\"{boundary}\"", "multipart/mixed;boundary=other", "multipart/mixed", "multipart/mixed;boundary="]);
            }

            return queries.Next(10) == 0 ? (queries.Damage(body), type) : (body, type);
        }

        /// <summary>The statuses of parts that failed on the server's side (5xx other than 501), read from either format.</summary>
        public static List<int> FailedParts(string body, System.Net.Http.Headers.MediaTypeHeaderValue? type)
        {
            static bool Failed(int status) => status >= 500 && status != 501;
            if (type?.MediaType == "application/json")
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("status").GetInt32()).Where(Failed).ToList();
            }

            return System.Text.RegularExpressions.Regex.Matches(body, @"^HTTP/1\.1 (\d{3})", System.Text.RegularExpressions.RegexOptions.Multiline)
                .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Where(Failed).ToList();
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Access.Audit;
using Observatory.Access.Roles;
using Observatory.Api.Embedding;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using static Observatory.Tests.Embedding.Embeds;

namespace Observatory.Tests.Embedding;

/// <summary>
/// Signed embedding (docs/embedding.md): who mints embed tokens and what a request for one may ask, how a token is
/// refused (altered, expired, for another dashboard), its signing key, and that no token reaches a log or the audit
/// trail. What a token reads is in <see cref="EmbeddedRowsTests"/>; the framing headers and the helper script in
/// <see cref="FramingTests"/>.
/// </summary>
public class EmbeddingTests(DemoWarehouses demo)
{
    private static readonly string[] CamhsAndEip = ["CAMHS", "EIP"];
    private static readonly object TalkingTherapiesInTheCity = new { dashboard = "talking-therapies", filters = new { borough = new[] { "City of London" } } };

    [Fact]
    public async Task AnAdminKeyAnEmbedderKeyAndAnEmbedderAccountMintTokensCarryingTheGrant()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var admin = await TestKeys.CreateAsync(options, Role.Admin);
        var embedderName = $"intranet-{Guid.NewGuid():N}"[..20];
        var embedder = await TestKeys.CreateAsync(options, Role.Embedder, name: embedderName);
        var identity = new TestIdentityProvider();
        await using var host = new FeedHost(options, TestIdentityProvider.Settings)
        {
            ConfigureServices = services =>
            {
                Register(services);
                identity.Trust(services);
            },
        };
        host.ClientOptions.BaseAddress = new Uri("https://localhost");
        using var client = host.CreateClient();

        using var minted = await MintAsync(client, admin, new { dashboard = "talking-therapies", filters = new { borough = "city of london" }, minutes = 5 });
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        Assert.Equal("no-store", minted.Headers.CacheControl?.ToString());
        using var answer = JsonDocument.Parse(await minted.Content.ReadAsStringAsync());
        var root = answer.RootElement;
        Assert.Equal("talking-therapies", root.GetProperty("dashboard").GetString());
        Assert.Equal("https://localhost/embed/dashboards/talking-therapies", root.GetProperty("embedUrl").GetString());
        var expiresAt = DateTimeOffset.Parse(root.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith("Z", root.GetProperty("expiresAt").GetString(), StringComparison.Ordinal);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4.5), TimeSpan.FromMinutes(5.1));

        // The claims: fixed issuer and audience, the dashboard, the locks in the warehouse's spelling, the admin's own
        // level, the minting identity and the registered times.
        var claims = Payload(root.GetProperty("token").GetString()!);
        Assert.Equal(("observatory", "observatory-embedded-dashboard"), (claims.GetProperty("iss").GetString(), claims.GetProperty("aud").GetString()));
        Assert.Equal("talking-therapies", claims.GetProperty("dashboard").GetString());
        Assert.Equal(["City of London"], claims.GetProperty("locks").GetProperty("borough").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("Unrestricted", claims.GetProperty("disclosure").GetString());
        Assert.StartsWith("key:admin-", claims.GetProperty("sub").GetString(), StringComparison.Ordinal);
        Assert.Equal(32, claims.GetProperty("jti").GetString()!.Length);
        Assert.Equal(expiresAt.ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(claims.GetProperty("iat").GetInt64(), claims.GetProperty("nbf").GetInt64());

        // An Embedder's tokens default to its own level, the Board level (controlled unless configured), and to ten minutes.
        using var byEmbedder = JsonDocument.Parse(await (await MintAsync(client, embedder, new { dashboard = "talking-therapies" })).Content.ReadAsStringAsync());
        var embedded = Payload(byEmbedder.RootElement.GetProperty("token").GetString()!);
        Assert.Equal("Controlled", embedded.GetProperty("disclosure").GetString());
        Assert.Equal($"key:{embedderName}", embedded.GetProperty("sub").GetString());
        Assert.Equal(600, embedded.GetProperty("exp").GetInt64() - embedded.GetProperty("iat").GetInt64());
        Assert.Empty(embedded.GetProperty("locks").EnumerateObject());

        // An application holding the Observatory.Embedder app role mints as well.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/embed/tokens") { Content = JsonContent("""{"dashboard":"camhs"}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", identity.Token(["Observatory.Embedder"]));
        using var byAccount = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, byAccount.StatusCode);
    }

    [Fact]
    public async Task OnlyAdminsAndEmbeddersMint()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = SecuredHost(options);
        using var client = host.CreateClient();

        foreach (var role in new[] { Role.Analyst, Role.Board, Role.Researcher })
        {
            var (status, code, message) = await ErrorAsync(await MintAsync(client, await TestKeys.CreateAsync(options, role), TalkingTherapiesInTheCity));
            Assert.Equal((HttpStatusCode.Forbidden, "Forbidden"), (status, code));
            Assert.Contains($"Only the Embedder and Admin roles mint embed tokens, and you are {role}", message, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await MintAsync(client, null, TalkingTherapiesInTheCity)).StatusCode);
        var token = await TokenAsync(client, await TestKeys.CreateAsync(options, Role.Admin), TalkingTherapiesInTheCity);
        using var byToken = new HttpRequestMessage(HttpMethod.Post, "/embed/tokens") { Content = JsonContent("""{"dashboard":"talking-therapies"}""") };
        byToken.Headers.Authorization = new AuthenticationHeaderValue("Embed", token);
        Assert.Equal((HttpStatusCode.Forbidden, "Forbidden"), await StatusAndCodeAsync(await client.SendAsync(byToken)));
    }

    [Fact]
    public async Task EachFaultOfATokenRequestIsAnsweredWithWhatToChange()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var embedder = await TestKeys.CreateAsync(options, Role.Embedder);
        await using var host = SecuredHost(options);
        using var client = host.CreateClient();

        foreach (var (body, status, fragment) in new (string, HttpStatusCode, string)[]
        {
            ("""{"dashboard":"nothing"}""", HttpStatusCode.BadRequest, "There is no dashboard 'nothing': the dashboards are listed at /dashboards."),
            ("""{}""", HttpStatusCode.BadRequest, "Name the dashboard to embed"),
            ("""{"dashboard":"camhs","filter":{}}""", HttpStatusCode.BadRequest, "'filter' is not part of a token request"),
            ("""{"dashboard":"camhs","filters":{"ward":["E05009367"]}}""", HttpStatusCode.BadRequest, "'ward' is not a filter an embed token can lock: use 'borough', 'service', 'age-band', 'gender', 'imd-quintile'."),
            ("""{"dashboard":"camhs","filters":{"borough":["Islington"]}}""", HttpStatusCode.BadRequest, "'Islington' is not a borough of this warehouse: use 'City of London', 'Hackney'."),
            ("""{"dashboard":"camhs","filters":{"service":["XYZ"]}}""", HttpStatusCode.BadRequest, "'XYZ' is not a service of this warehouse: use 'CAMHS',"),
            ("""{"dashboard":"camhs","filters":{"age-band":["0-9"]}}""", HttpStatusCode.BadRequest, "'0-9' is not a age-band of this warehouse: use '0-10', '11-15'"),
            ("""{"dashboard":"camhs","filters":{"imd-quintile":["6"]}}""", HttpStatusCode.BadRequest, "use '1', '2', '3', '4', '5'"),
            ("""{"dashboard":"camhs","filters":{"gender":[]}}""", HttpStatusCode.BadRequest, "The filter 'gender' needs at least one value"),
            ("""{"dashboard":"camhs","filters":{"age-band":["0-10","11-15"]}}""", HttpStatusCode.BadRequest, "At the Controlled level a token locks age-band to one value, not 2"),
            ("""{"dashboard":"camhs","filters":{"borough":["Hackney","City of London"],"service":"CAMHS"}}""", HttpStatusCode.OK, ""),
            ("""{"dashboard":"camhs","disclosure":"Unrestricted"}""", HttpStatusCode.Forbidden, "You see indicator values at the Controlled level, so the tokens you mint may not show them Unrestricted"),
            ("""{"dashboard":"camhs","disclosure":"Open"}""", HttpStatusCode.BadRequest, "\"disclosure\" must be \"Controlled\" or \"Unrestricted\""),
            ("""{"dashboard":"camhs","minutes":0}""", HttpStatusCode.BadRequest, "\"minutes\" is how long the token lasts: a whole number from 1 to 60 (default 10)"),
            ("""{"dashboard":"camhs","minutes":61}""", HttpStatusCode.BadRequest, "a whole number from 1 to 60"),
            ("""{"dashboard":"camhs","minutes":2.5}""", HttpStatusCode.BadRequest, "a whole number from 1 to 60"),
            ("""{"dashboard":"camhs","minutes":60}""", HttpStatusCode.OK, ""),
            ("""{"dashboard":"camhs","dashboard":"camhs"}""", HttpStatusCode.BadRequest, "names 'dashboard' twice"),
            ("""[1,2]""", HttpStatusCode.BadRequest, "The body must be a JSON object"),
            ("""{"dashboard":""", HttpStatusCode.BadRequest, "The body is not JSON"),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/embed/tokens") { Content = JsonContent(body) };
            request.Headers.Add("X-Api-Key", embedder);
            var (answered, _, message) = await ErrorAsync(await client.SendAsync(request));
            Assert.True(answered == status && message.Contains(fragment, StringComparison.Ordinal), $"{body}: {(int)answered} {message}");
        }

        using var text = new HttpRequestMessage(HttpMethod.Post, "/embed/tokens") { Content = new StringContent("dashboard=camhs") };
        text.Headers.Add("X-Api-Key", embedder);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.SendAsync(text)).StatusCode);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/embed/tokens");
        get.Headers.Add("X-Api-Key", embedder);
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "MethodNotAllowed"), await StatusAndCodeAsync(await client.SendAsync(get)));
    }

    [Fact]
    public async Task AScopedEmbeddersTokensStayInsideItsScope()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var hackney = await TestKeys.CreateAsync(options, Role.Embedder, "borough:Hackney");
        var rwk = await TestKeys.CreateAsync(options, Role.Embedder, "provider:RWK");
        await using var host = SecuredHost(options);
        using var client = host.CreateClient();

        var (status, _, message) = await ErrorAsync(await MintAsync(client, hackney, TalkingTherapiesInTheCity));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("You are limited to borough:Hackney, so the tokens you mint are too: lock borough to 'Hackney'", message, StringComparison.Ordinal);
        var defaulted = Payload(await TokenAsync(client, hackney, new { dashboard = "camhs" }));
        Assert.Equal(["Hackney"], defaulted.GetProperty("locks").GetProperty("borough").EnumerateArray().Select(v => v.GetString()));

        (status, _, message) = await ErrorAsync(await MintAsync(client, rwk, new { dashboard = "camhs", filters = new { service = "TT" } }));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("You are limited to provider:RWK, so the tokens you mint are too: lock service to its services ('CAMHS', 'CMHT', 'EIP', 'OUTREACH')", message, StringComparison.Ordinal);
        // Left out, the service lock is the provider's services: several values, allowed at the controlled level as the provider is one category.
        var provider = Payload(await TokenAsync(client, rwk, new { dashboard = "camhs" }));
        Assert.Equal(["CAMHS", "CMHT", "EIP", "OUTREACH"], provider.GetProperty("locks").GetProperty("service").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await MintAsync(client, rwk, new { dashboard = "camhs", filters = new { service = "CAMHS" } })).StatusCode);
        (status, _, message) = await ErrorAsync(await MintAsync(client, rwk, new { dashboard = "camhs", filters = new { service = CamhsAndEip } }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("locks service to one value, not 2", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmbedderReadsNothingItself()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var embedder = await TestKeys.CreateAsync(options, Role.Embedder);
        await using var host = SecuredHost(options);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", embedder);

        foreach (var path in new[] { "/odata/Referrals", "/odata/IndicatorValues", "/odata/Genders", "/odata/$metadata", "/odata", "/reports/progress", Evaluate("tt-recovery", "2022/23") })
        {
            var (status, code, message) = await ErrorAsync(await client.GetAsync(path));
            Assert.Equal((HttpStatusCode.Forbidden, "Forbidden"), (status, code));
            Assert.Contains("The Embedder role only mints embed tokens", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnAlteredTokenOrAnotherKeysTokenIsRefusedAsInvalidAndNonsenseAsMalformed()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = SecuredHost(options);
        using var client = host.CreateClient();
        var token = await TokenAsync(client, await TestKeys.CreateAsync(options, Role.Admin), TalkingTherapiesInTheCity);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, token, "/odata/Indicators")).StatusCode);

        // One character of the payload changed (still base64url), and the same claims signed with another key.
        var parts = token.Split('.');
        var flipped = string.Join('.', parts[0], parts[1][..10] + (parts[1][10] == 'A' ? 'B' : 'A') + parts[1][11..], parts[2]);
        var forged = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(
            System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])),
            new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), "HS256"));
        foreach (var (bad, code) in new[] { (flipped, "EmbedTokenInvalid"), (forged, "EmbedTokenInvalid"), ("not-a-token", "EmbedTokenMalformed") })
        {
            using var response = await GetAsync(client, bad, "/odata/Indicators");
            var (status, answered, message) = await ErrorAsync(response);
            Assert.Equal((HttpStatusCode.Unauthorized, code), (status, answered));
            var challenge = response.Headers.WwwAuthenticate.Single().ToString();
            Assert.StartsWith("Embed error=\"invalid_token\", error_description=\"", challenge, StringComparison.Ordinal);
            Assert.Contains(message.Replace("\"", "'", StringComparison.Ordinal), challenge, StringComparison.Ordinal);
        }

        // Refused in the demo as well, where a request without credentials would be the anonymous Admin.
        await using var demoHost = new FeedHost(options) { ConfigureServices = Register };
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(demoHost.CreateClient(), flipped, "/odata/Indicators")).StatusCode);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefusedSayingWhenItExpired()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var time = new MovableTime();
        await using var host = SecuredHost(options, services: s => s.AddSingleton<TimeProvider>(time));
        using var client = host.CreateClient();
        var token = await TokenAsync(client, await TestKeys.CreateAsync(options, Role.Admin), new { dashboard = "talking-therapies", minutes = 1 });
        var expires = DateTimeOffset.FromUnixTimeSeconds(Payload(token).GetProperty("exp").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, token, "/odata/Indicators")).StatusCode);

        time.Ahead = TimeSpan.FromSeconds(61);
        using var response = await GetAsync(client, token, "/odata/Indicators");
        var (status, code, message) = await ErrorAsync(response);

        Assert.Equal((HttpStatusCode.Unauthorized, "EmbedTokenExpired"), (status, code));
        Assert.Equal($"The embed token expired at {expires.UtcDateTime:HH:mm:ss} UTC: the embedding application must ask for a new one.", message);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenForOneDashboardIsRefusedOnAnothersPages()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = SecuredHost(options);
        using var client = host.CreateClient();
        var token = await TokenAsync(client, await TestKeys.CreateAsync(options, Role.Admin), TalkingTherapiesInTheCity);

        // The embedded page itself is anonymous and holds nothing (its token reaches it only once it runs): its configuration is refused.
        foreach (var path in new[] { "/embed/dashboards/camhs/config", "/dashboards/camhs", "/dashboards/camhs/config" })
        {
            var (status, code, message) = await ErrorAsync(await GetAsync(client, token, path));
            Assert.Equal((HttpStatusCode.Forbidden, "EmbedTokenOtherDashboard", "This embed token is for dashboard 'talking-therapies', not 'camhs'."), (status, code, message));
        }

        Assert.NotEqual(HttpStatusCode.Forbidden, (await GetAsync(client, token, "/embed/dashboards/talking-therapies/config")).StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, "Forbidden"), await StatusAndCodeAsync(await GetAsync(client, token, "/reports/progress")));
    }

    [Theory]
    [InlineData("c2hvcnQ=", "holds 5 bytes; it needs at least 32")]
    [InlineData("not base64!", "is not base64")]
    public void ASigningKeyThatIsNotOneIsRefusedAtStart(string key, string reason)
    {
        var problem = Assert.Single(new EmbeddingOptions { SigningKey = key }.Validate(new(new object())));

        Assert.StartsWith("Embedding:SigningKey ", problem.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(reason, problem.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokensSignedWithAConfiguredKeyOutliveTheHostAndSurviveItsRotation()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var admin = await TestKeys.CreateAsync(options, Role.Admin);
        var (first, second) = (Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()), Convert.ToBase64String(new byte[48].Select((_, i) => (byte)(i + 7)).ToArray()));
        string token;
        await using (var host = SecuredHost(options, new Dictionary<string, string?> { ["Embedding:SigningKey"] = first }))
        {
            token = await TokenAsync(host.CreateClient(), admin, TalkingTherapiesInTheCity);
        }

        await using var rotated = SecuredHost(options, new Dictionary<string, string?> { ["Embedding:SigningKey"] = second, ["Embedding:PreviousSigningKeys:0"] = first });
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(rotated.CreateClient(), token, "/odata/Indicators")).StatusCode);
        await using var replaced = SecuredHost(options, new Dictionary<string, string?> { ["Embedding:SigningKey"] = second });
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(replaced.CreateClient(), token, "/odata/Indicators")).StatusCode);
    }

    [Fact]
    public async Task NoTokenReachesALogLineOrTheAuditTrailWhichRecordsEachMinting()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var name = $"intranet-{Guid.NewGuid():N}"[..20];
        var embedder = await TestKeys.CreateAsync(options, Role.Embedder, name: name);
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        };
        var time = new MovableTime();
        List<string> tokens = [];
        await using (var host = SecuredHost(options, settings, s => s.AddSingleton<TimeProvider>(time)))
        {
            using var client = host.CreateClient();
            tokens.Add(await TokenAsync(client, embedder, TalkingTherapiesInTheCity));
            tokens.Add(await TokenAsync(client, embedder, new { dashboard = "camhs", filters = new { gender = "Non-binary" }, minutes = 1 }));
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, tokens[0], "/odata/IndicatorValues?$top=1")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, tokens[0], "/odata/Referrals")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(client, tokens[0], "/odata/IndicatorValues?$filter=nonsense")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, tokens[0][..^3] + "xyz", "/odata/Indicators")).StatusCode);
            time.Ahead = TimeSpan.FromMinutes(2);
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, tokens[1], "/odata/Indicators")).StatusCode);
            Assert.True(host.Logs.Count > 20, "the host logged too little for the test to mean anything");
            foreach (var token in tokens)
            {
                Assert.DoesNotContain(host.Logs, line => line.Contains(token.Split('.')[2], StringComparison.Ordinal) || line.Contains(token.Split('.')[1], StringComparison.Ordinal));
            }
        }

        // Written as the host stops.
        var entries = await new AuditTrail(TestKeys.Store(options)).ReadAsync(null, null, 1000);
        var mints = entries.Where(e => e is { Path: "/embed/tokens", Status: 200 } && e.Identity == $"key:{name}").OrderBy(e => e.At).ToList();
        Assert.Equal(2, mints.Count);
        Assert.Matches("^\\?dashboard=talking-therapies&borough=City%20of%20London&disclosure=Controlled&expires=20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ&token-id=[0-9a-f]{32}$", mints[0].Query);
        Assert.StartsWith("?dashboard=camhs&gender=Non-binary&disclosure=Controlled&expires=", mints[1].Query, StringComparison.Ordinal);
        var reads = entries.Where(e => e.Identity == $"embed:key:{name}").ToList();
        Assert.Contains(reads, e => e is { Path: "/odata/IndicatorValues", Status: 200, Role: "Board", Scope: null });
        foreach (var token in tokens)
        {
            Assert.All(entries, e => Assert.DoesNotContain(token.Split('.')[2], e.Path + e.Query, StringComparison.Ordinal));
        }
    }

    private static StringContent JsonContent(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}

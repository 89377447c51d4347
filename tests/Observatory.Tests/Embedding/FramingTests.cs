using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Api.Embedding;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using static Observatory.Tests.Embedding.Embeds;

namespace Observatory.Tests.Embedding;

/// <summary>
/// Who may frame the pages under /embed/ (frame-ancestors, X-Frame-Options), the origins configuration that says so,
/// and the helper script embedding pages load.
/// </summary>
public class FramingTests(DemoWarehouses demo)
{
    [Fact]
    public async Task PagesUnderEmbedMayBeFramedByTheConfiguredOriginsAndNothingElseMayBeFramed()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = SecuredHost(options, new Dictionary<string, string?>
        {
            ["Embedding:AllowedOrigins:0"] = "https://intranet.example.nhs.uk",
            ["Embedding:AllowedOrigins:1"] = "https://Portal.Example.nhs.uk:8443/",
        });
        using var client = host.CreateClient();

        foreach (var path in new[] { "/embed/observatory-embed.js", "/embed/dashboards/talking-therapies" })
        {
            using var response = await client.GetAsync(path);
            Assert.EndsWith("frame-ancestors https://intranet.example.nhs.uk https://portal.example.nhs.uk:8443", Csp(response), StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("X-Frame-Options"), path);
        }

        foreach (var path in new[] { "/odata/Genders", "/", "/nothing" })
        {
            using var response = await client.GetAsync(path);
            Assert.EndsWith("frame-ancestors 'none'", Csp(response), StringComparison.Ordinal);
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }

        var origins = host.Services.GetRequiredService<EmbeddingOrigins>();
        Assert.True(origins.IsAllowed("https://portal.example.nhs.uk:8443"));
        Assert.False(origins.IsAllowed("http://localhost:8080"));

        // None configured: not even /embed/ may be framed, but in the demo pages on this machine may.
        await using var unconfigured = SecuredHost(options);
        Assert.EndsWith("frame-ancestors 'none'", Csp(await unconfigured.CreateClient().GetAsync("/embed/observatory-embed.js")), StringComparison.Ordinal);
        await using var demoHost = new FeedHost(options);
        Assert.EndsWith("frame-ancestors http://127.0.0.1:* http://localhost:*", Csp(await demoHost.CreateClient().GetAsync("/embed/observatory-embed.js")), StringComparison.Ordinal);
        Assert.True(demoHost.Services.GetRequiredService<EmbeddingOrigins>().IsAllowed("http://localhost:8080"));
    }

    [Theory]
    [InlineData("https://intranet.example.nhs.uk/dashboards", "no path")]
    [InlineData("https://*.example.nhs.uk", "with a wildcard")]
    [InlineData("http://intranet.example.nhs.uk", "must be served over https")]
    [InlineData("intranet.example.nhs.uk", "which is not an origin")]
    public void AnOriginThatIsNotOneIsRefusedAtStart(string origin, string reason)
    {
        var problems = new EmbeddingOptions { AllowedOrigins = [origin] }.Validate(new(new object())).ToList();

        Assert.Contains(reason, Assert.Single(problems).ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHelperScriptIsServedToAnyPageAsJavaScript()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = SecuredHost(options);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/embed/observatory-embed.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("cross-origin", response.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl?.MaxAge);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("global.Observatory.embed = embed;", script, StringComparison.Ordinal);
        Assert.Contains("postMessage(message, origin)", script, StringComparison.Ordinal);
        Assert.DoesNotContain("'*')", script, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/embed/observatory-embed.js");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    private static string Csp(HttpResponseMessage response) => string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
}

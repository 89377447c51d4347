using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Observatory.Access.Roles;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Security;

/// <summary>What the scope and condition tests read of the feed's answers: the status, the OData error, counts and $batch parts.</summary>
internal static class ScopeAnswers
{
    public sealed record Answer(HttpStatusCode Status, string Code, string Message, string Body);

    public static async Task<HttpClient> ClientAsync(FeedHost host, WarehouseOptions options, Role role, string? scope = null)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await TestKeys.CreateAsync(options, role, scope));
        return client;
    }

    /// <param name="url">Below /odata/, with its query written plainly (it is escaped here).</param>
    public static async Task<Answer> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri("/odata/" + Escaped(url), UriKind.Relative), TestContext.Current.CancellationToken);
        return await ReadAsync(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A 403 with the OData error code and a message holding each of <paramref name="says"/>.</summary>
    public static async Task RefusedAsync(HttpClient client, string url, string code, params string[] says)
    {
        var answer = await GetAsync(client, url);
        Assert.True(answer.Status == HttpStatusCode.Forbidden && answer.Code == code, $"{url}: {(int)answer.Status} {answer.Body}");
        Assert.All(says, s => Assert.Contains(s, answer.Message, StringComparison.Ordinal));
    }

    /// <summary>The count a /$count URL answers, failing on anything but 200.</summary>
    public static async Task<long> CountAsync(HttpClient client, string url)
    {
        var answer = await GetAsync(client, url);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{url}: {(int)answer.Status} {answer.Body}");
        return long.Parse(answer.Body, CultureInfo.InvariantCulture);
    }

    /// <summary>Each part's status and OData error code ("" for a success), in order.</summary>
    public static async Task<List<(int Status, string Code)>> BatchAsync(HttpClient client, params string[] urls)
    {
        var body = JsonSerializer.Serialize(new { requests = urls.Select((url, i) => new { id = $"{i + 1}", method = "GET", url = Escaped(url) }) });
        using var response = await client.PostAsync("/odata/$batch", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var parts = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return [.. parts.RootElement.GetProperty("responses").EnumerateArray().Select(p => (p.GetProperty("status").GetInt32(),
            p.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.Object && b.TryGetProperty("error", out var e) ? e.GetProperty("code").GetString()! : ""))];
    }

    /// <summary>An evaluation's URL below /odata/, its parameters escaped as the dashboards escape them.</summary>
    public static string Evaluate(string indicator, string period, string? area = null, string? filter = null) =>
        Embedding.Embeds.Evaluate(indicator, period, area, null, filter)["/odata/".Length..];

    private static Task<Answer> ReadAsync(HttpStatusCode status, string body)
    {
        if ((int)status < 400)
        {
            return Task.FromResult(new Answer(status, "", "", body));
        }

        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.GetProperty("error");
        return Task.FromResult(new Answer(status, error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!, body));
    }

    /// <summary>The query's values escaped, so that quotes, spaces and parentheses reach the feed as a client sends them.</summary>
    private static string Escaped(string url)
    {
        var split = url.IndexOf('?', StringComparison.Ordinal);
        if (split < 0)
        {
            return url;
        }

        var options = url[(split + 1)..].Split('&').Select(o => o.Split('=', 2)).Select(o => o.Length == 1 ? o[0] : $"{o[0]}={Uri.EscapeDataString(o[1])}");
        return $"{url[..split]}?{string.Join('&', options)}";
    }
}

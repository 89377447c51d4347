using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Observatory.Api.Feed.Reading;

/// <summary>What a request asks of the response, beyond the query: format, page size and null handling.</summary>
/// <param name="Csv">CSV asked for by $format=csv or an Accept header preferring text/csv.</param>
/// <param name="PageSize">Rows per page: the feed's page size, or less when Prefer: odata.maxpagesize asks.</param>
/// <param name="MaxPageSizeApplied">Whether a Prefer: odata.maxpagesize was honoured (and is echoed back).</param>
/// <param name="OmitNulls">Prefer: omit-values=nulls, honoured and echoed back.</param>
public sealed record FeedRequest(bool Csv, int PageSize, bool MaxPageSizeApplied, bool OmitNulls)
{
    public static FeedRequest From(HttpRequest request, int pageSize)
    {
        var format = request.Query["$format"].ToString();
        var csv = format is "csv" or "text/csv" || (string.IsNullOrEmpty(format) && PrefersCsv(request.Headers.Accept));
        var preferences = Preferences(request.Headers["Prefer"]);
        var asked = preferences.TryGetValue("odata.maxpagesize", out var value) && int.TryParse(value, out var size) && size > 0 ? size : (int?)null;
        return new FeedRequest(
            csv,
            asked is { } n ? Math.Min(n, pageSize) : pageSize,
            asked is not null,
            preferences.TryGetValue("omit-values", out var omit) && string.Equals(omit, "nulls", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The Preference-Applied header value for what was honoured, or null.</summary>
    public string? PreferenceApplied =>
        string.Join(", ", new[] { MaxPageSizeApplied ? $"odata.maxpagesize={PageSize}" : null, OmitNulls ? "omit-values=nulls" : null }.OfType<string>())
            is { Length: > 0 } applied ? applied : null;

    private static bool PrefersCsv(StringValues accept)
    {
        if (!MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return false;
        }

        var best = types.OrderByDescending(t => t.Quality ?? 1).FirstOrDefault();
        return best is not null && best.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses Prefer header values such as "odata.maxpagesize=100, omit-values=nulls".</summary>
    public static Dictionary<string, string> Preferences(StringValues prefer)
    {
        var preferences = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in prefer.SelectMany(p => (p ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var parts = item.Split(';')[0].Split('=', 2, StringSplitOptions.TrimEntries);
            preferences[parts[0]] = parts.Length > 1 ? parts[1].Trim('"') : "";
        }

        return preferences;
    }
}

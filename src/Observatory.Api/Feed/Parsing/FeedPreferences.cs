using Microsoft.Extensions.Primitives;

namespace Observatory.Api.Feed.Parsing;

/// <summary>The Prefer header's preferences the feed honours (Protocol 8.2.8), each echoed in Preference-Applied.</summary>
/// <param name="MaxPageSize">odata.maxpagesize, when asked.</param>
/// <param name="OmitNulls">omit-values=nulls: leave null values out of each row (Power Query's OmitValues option).</param>
public sealed record FeedPreferences(int? MaxPageSize, bool OmitNulls)
{
    public static FeedPreferences From(StringValues prefer)
    {
        int? maxPageSize = null;
        var omitNulls = false;
        foreach (var item in prefer.SelectMany(p => (p ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var parts = item.Split(';')[0].Split('=', 2, StringSplitOptions.TrimEntries);
            var value = parts.Length > 1 ? parts[1].Trim('"') : "";
            if (parts[0].Equals("odata.maxpagesize", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, out var size) && size > 0)
            {
                maxPageSize = size;
            }
            else if (parts[0].Equals("omit-values", StringComparison.OrdinalIgnoreCase) && value.Equals("nulls", StringComparison.OrdinalIgnoreCase))
            {
                omitNulls = true;
            }
        }

        return new FeedPreferences(maxPageSize, omitNulls);
    }

    /// <summary>The page size to use, and whether the preference was applied.</summary>
    public int PageSize(int serverPageSize) => MaxPageSize is { } asked ? Math.Min(asked, serverPageSize) : serverPageSize;

    /// <summary>The Preference-Applied header for what was honoured, or null.</summary>
    /// <param name="serverPageSize">The feed's page size.</param>
    /// <param name="paged">Whether the response is a page (the page size preference applies to collections only).</param>
    public string? Applied(int serverPageSize, bool paged) =>
        string.Join(", ", new[] { MaxPageSize is null || !paged ? null : $"odata.maxpagesize={PageSize(serverPageSize)}", OmitNulls ? "omit-values=nulls" : null }.OfType<string>())
            is { Length: > 0 } applied ? applied : null;
}

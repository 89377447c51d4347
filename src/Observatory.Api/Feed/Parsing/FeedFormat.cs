using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Observatory.Api.Feed.Parsing;

public enum MediaKind
{
    Json,
    Csv,
    Text,
}

/// <summary>How much control information JSON carries (JSON Format 3.1).</summary>
public enum MetadataLevel
{
    None,
    Minimal,
    Full,
}

/// <summary>
/// The representation a response takes, chosen from $format (which wins) or the Accept header (JSON Format 3 and 4;
/// Protocol 8.2.1): JSON with minimal, full or no metadata and optionally IEEE754Compatible numbers, CSV for
/// collections, plain text for $count and $value. A media range naming a parameter the feed does not know does not
/// match; when nothing matches the answer is 406.
/// </summary>
public sealed record FeedFormat(MediaKind Kind, MetadataLevel Metadata, bool Ieee754Compatible, bool Streaming, bool Charset)
{
    public static readonly FeedFormat DefaultJson = new(MediaKind.Json, MetadataLevel.Minimal, false, true, false);

    public string ContentType => Kind switch
    {
        MediaKind.Json => "application/json;odata.metadata=" + Metadata.ToString().ToLowerInvariant() + ";odata.streaming=" + (Streaming ? "true" : "false")
                          + (Ieee754Compatible ? ";IEEE754Compatible=true" : "") + (Charset ? ";charset=utf-8" : ""),
        MediaKind.Csv => "text/csv;charset=utf-8",
        _ => "text/plain;charset=utf-8",
    };

    /// <summary>Chooses among <paramref name="offered"/> what the request asks for.</summary>
    /// <param name="format">$format, which wins over Accept.</param>
    /// <param name="accept">The Accept header.</param>
    /// <param name="offered">What the resource can be written as, the default first.</param>
    /// <param name="fallBack">
    /// Answer with the default when Accept names nothing offered, rather than 406 (RFC 9110 12.5.1 lets a server
    /// disregard Accept): a count or a raw value has one natural form, and clients ask for it with their usual
    /// Accept: application/json.
    /// </param>
    /// <exception cref="FeedRequestException">406: nothing offered is acceptable.</exception>
    public static FeedFormat Negotiate(string? format, StringValues accept, IReadOnlyList<MediaKind> offered, bool fallBack = false)
    {
        if (!string.IsNullOrEmpty(format))
        {
            var type = format switch
            {
                "json" => "application/json",
                "csv" => "text/csv",
                "xml" => "application/xml",
                "atom" => "application/atom+xml",
                _ => format,
            };
            return MediaTypeHeaderValue.TryParse(type, out var asked) && Match(asked, offered) is { } chosen
                ? chosen
                : throw FeedRequestException.NotAcceptable($"$format '{format}' is not available here. Available: {Names(offered)}.");
        }

        if (accept.Count == 0 || string.IsNullOrWhiteSpace(accept.ToString()))
        {
            return Default(offered[0]);
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            throw FeedRequestException.BadRequest("The Accept header does not parse as a list of media types.");
        }

        return ranges.Select((range, order) => (range, order, quality: range.Quality ?? 1))
                   .Where(r => r.quality > 0)
                   .OrderByDescending(r => r.quality).ThenBy(r => r.order)
                   .Select(r => Match(r.range, offered)).FirstOrDefault(f => f is not null)
               ?? (fallBack ? Default(offered[0]) : null)
               ?? throw FeedRequestException.NotAcceptable($"None of the media types accepted ({accept}) is available here. Available: {Names(offered)}.");
    }

    private static FeedFormat? Match(MediaTypeHeaderValue range, IReadOnlyList<MediaKind> offered)
    {
        foreach (var kind in offered)
        {
            var (type, subtype) = kind switch
            {
                MediaKind.Json => ("application", "json"),
                MediaKind.Csv => ("text", "csv"),
                _ => ("text", "plain"),
            };
            var rangeType = range.Type.Value ?? "";
            var rangeSubtype = range.SubType.Value ?? "";
            var matches = (rangeType == "*" && rangeSubtype == "*")
                          || (rangeType.Equals(type, StringComparison.OrdinalIgnoreCase) && (rangeSubtype == "*" || rangeSubtype.Equals(subtype, StringComparison.OrdinalIgnoreCase)));
            if (matches && Parameters(range, kind) is { } format)
            {
                return format;
            }
        }

        return null;
    }

    /// <summary>The format the range's parameters ask for, or null when one is unknown or has an unknown value.</summary>
    private static FeedFormat? Parameters(MediaTypeHeaderValue range, MediaKind kind)
    {
        var format = Default(kind);
        foreach (var parameter in range.Parameters)
        {
            var name = parameter.Name.Value ?? "";
            var value = (parameter.Value.Value ?? "").Trim('"');
            switch (name.ToLowerInvariant())
            {
                case "q":
                    break;
                case "charset" when value.Equals("utf-8", StringComparison.OrdinalIgnoreCase):
                    format = format with { Charset = true };
                    break;
                case "odata.metadata" when kind == MediaKind.Json && Enum.TryParse<MetadataLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level):
                    format = format with { Metadata = level };
                    break;
                case "odata.streaming" when kind == MediaKind.Json && bool.TryParse(value, out var streaming):
                    format = format with { Streaming = streaming };
                    break;
                case "ieee754compatible" when kind == MediaKind.Json && bool.TryParse(value, out var compatible):
                    format = format with { Ieee754Compatible = compatible };
                    break;
                default:
                    return null;
            }
        }

        return format;
    }

    private static FeedFormat Default(MediaKind kind) => DefaultJson with { Kind = kind };

    private static string Names(IEnumerable<MediaKind> offered) => string.Join(", ", offered.Select(k => k switch
    {
        MediaKind.Json => "application/json (odata.metadata=minimal, full or none; IEEE754Compatible=true or false)",
        MediaKind.Csv => "text/csv ($format=csv)",
        _ => "text/plain",
    }));
}

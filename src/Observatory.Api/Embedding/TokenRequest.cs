using System.Globalization;
using System.Text.Json;
using Observatory.Api.Feed.Parsing;
using Observatory.Indicators.Disclosure;

namespace Observatory.Api.Embedding;

/// <summary>
/// The body of <c>POST /embed/tokens</c>, read strictly, each fault answered 400 with what to write instead:
/// <code>{ "dashboard": "talking-therapies", "filters": { "borough": ["City of London"] }, "disclosure": "Controlled", "minutes": 10 }</code>
/// </summary>
/// <param name="Filters">The filters to lock, by key, as given (their values are checked against the warehouse later).</param>
/// <param name="Disclosure">Controlled or Unrestricted, or null for the caller's own level.</param>
public sealed record TokenRequest(string Dashboard, IReadOnlyDictionary<string, IReadOnlyList<string>> Filters, string? Disclosure, int Minutes)
{
    public const int DefaultMinutes = 10;
    public const int MaxMinutes = 60;
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] Properties = ["dashboard", "filters", "disclosure", "minutes"];

    /// <exception cref="FeedRequestException">400, 413 or 415, saying what to change.</exception>
    public static async Task<TokenRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedRequestException(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                "POST /embed/tokens takes a JSON body (Content-Type: application/json), as in {\"dashboard\": \"talking-therapies\"}.");
        }

        using var body = new MemoryStream();
        if (request.ContentLength is not > MaxBodyBytes)
        {
            await request.Body.CopyToAsync(body, cancellationToken);
        }

        if (request.ContentLength > MaxBodyBytes || body.Length > MaxBodyBytes)
        {
            throw new FeedRequestException(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge",
                $"A token request is a few lines of JSON; this one holds {Math.Max(request.ContentLength ?? 0, body.Length):N0} bytes.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            throw Bad("The body is not JSON: send an object such as {\"dashboard\": \"talking-therapies\", \"minutes\": 10}.");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static TokenRequest Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad("The body must be a JSON object, as in {\"dashboard\": \"talking-therapies\"}.");
        }

        var given = Once(root, "The body");
        if (given.Keys.FirstOrDefault(k => !Properties.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            throw Bad($"'{unknown}' is not part of a token request: give {string.Join(", ", Properties.Select(p => $"'{p}'"))}.");
        }

        var dashboard = given.GetValueOrDefault("dashboard") is { ValueKind: JsonValueKind.String } id && id.GetString() is { Length: > 0 } text
            ? text
            : throw Bad("Name the dashboard to embed, as in \"dashboard\": \"talking-therapies\" (the dashboards are listed at /dashboards).");
        return new TokenRequest(dashboard, ReadFilters(given.GetValueOrDefault("filters")), ReadDisclosure(given.GetValueOrDefault("disclosure")),
            ReadMinutes(given.GetValueOrDefault("minutes")));
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadFilters(JsonElement filters)
    {
        if (filters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [];
        }

        if (filters.ValueKind != JsonValueKind.Object)
        {
            throw Bad("\"filters\" must be an object of locked filters, as in \"filters\": {\"borough\": [\"City of London\"]}.");
        }

        var locks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in Once(filters, "\"filters\""))
        {
            if (!LockedFilters.Keys.Contains(key, StringComparer.Ordinal))
            {
                throw Bad($"'{key}' is not a filter an embed token can lock: use {string.Join(", ", LockedFilters.Keys.Select(k => $"'{k}'"))}.");
            }

            IEnumerable<JsonElement> items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];
            var values = items.Select(v => v.ValueKind switch
            {
                JsonValueKind.String => v.GetString()!.Trim(),
                JsonValueKind.Number when v.TryGetInt32(out var number) => number.ToString(CultureInfo.InvariantCulture),
                _ => throw Bad($"The filter '{key}' takes text values, one or a list, as in \"{key}\": [\"{Example(key)}\"]."),
            }).Distinct(StringComparer.Ordinal).ToList();
            locks[key] = values.Count > 0 && values.All(v => v.Length > 0)
                ? values
                : throw Bad($"The filter '{key}' needs at least one value, as in \"{key}\": [\"{Example(key)}\"]; leave it out to lock nothing.");
        }

        return locks;
    }

    private static string? ReadDisclosure(JsonElement level) => level.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String when string.Equals(level.GetString(), DisclosureLevel.Controlled, StringComparison.OrdinalIgnoreCase) => DisclosureLevel.Controlled,
        JsonValueKind.String when string.Equals(level.GetString(), DisclosureLevel.Unrestricted, StringComparison.OrdinalIgnoreCase) => DisclosureLevel.Unrestricted,
        _ => throw Bad($"\"disclosure\" must be \"{DisclosureLevel.Controlled}\" or \"{DisclosureLevel.Unrestricted}\", or left out for your own level."),
    };

    private static int ReadMinutes(JsonElement minutes) => minutes.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => DefaultMinutes,
        JsonValueKind.Number when minutes.TryGetInt32(out var value) && value is >= 1 and <= MaxMinutes => value,
        _ => throw Bad($"\"minutes\" is how long the token lasts: a whole number from 1 to {MaxMinutes} (default {DefaultMinutes}). The page asks for a new one as it expires."),
    };

    /// <summary>An object's properties, each named once (a repeated name would leave one of its values unread).</summary>
    private static Dictionary<string, JsonElement> Once(JsonElement element, string what)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!properties.TryAdd(property.Name, property.Value))
            {
                throw Bad($"{what} names '{property.Name}' twice: give it once.");
            }
        }

        return properties;
    }

    private static string Example(string key) => key switch
    {
        LockedFilters.Borough => "City of London",
        LockedFilters.Service => "TT",
        LockedFilters.ImdQuintile => "1",
        _ => "...",
    };

    private static FeedRequestException Bad(string message) => new(StatusCodes.Status400BadRequest, "BadRequest", message);
}

using System.Text.Json;
using Observatory.Tests.Feed;

namespace Observatory.Tests.Templates;

/// <summary>A property of an object type in Microsoft's TMDL catalogue (PascalCase; TMDL writes it camelCase).</summary>
public sealed record TmdlPropertyType(string Name, string Type, string? ScalarValueType, string? EnumType, IReadOnlyList<TmdlPropertyType>? Children);

/// <summary>An object type of the catalogue: whether it is named, may be described, takes a default value, and what it may hold.</summary>
public sealed record TmdlObjectType(
    bool RequiresName, bool HasDescription, TmdlPropertyType? DefaultProperty, IReadOnlyList<string>? ChildObjects, IReadOnlyList<TmdlPropertyType>? Properties);

/// <summary>
/// Microsoft's TMDL metadata catalogue (<c>TmdlSchema.json</c> from microsoft/vscode-tmdl, copied under
/// Schemas/tmdl with its SOURCE.md): the object types, where each may stand, their properties and enum values.
/// </summary>
public sealed class TmdlCatalogue
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private TmdlCatalogue(Document document)
    {
        RootObjects = document.RootObjects;
        ObjectTypes = new Dictionary<string, TmdlObjectType>(document.ObjectTypes, StringComparer.OrdinalIgnoreCase);
        Enums = document.Enums.ToDictionary(e => e.Key, e => (IReadOnlySet<string>)new HashSet<string>(e.Value, StringComparer.OrdinalIgnoreCase));
    }

    public static string Path => System.IO.Path.Combine(ReportReproductionTests.RepositoryRoot(),
        "tests", "Observatory.Tests", "Templates", "Schemas", "tmdl", "TmdlSchema.json");

    public static TmdlCatalogue Load() => new(JsonSerializer.Deserialize<Document>(File.ReadAllText(Path), Json)!);

    public IReadOnlyList<string> RootObjects { get; }

    /// <summary>By PascalCase name, found case-insensitively (TMDL's <c>tablePermission</c> is <c>TablePermission</c>).</summary>
    public IReadOnlyDictionary<string, TmdlObjectType> ObjectTypes { get; }

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Enums { get; }

    /// <summary>The catalogue's name for a TMDL keyword, or null when it has none.</summary>
    public string? TypeOf(string keyword) =>
        // Power BI writes a culture as `cultureInfo en-GB` (cultures/en-GB.tmdl); the catalogue calls it Culture.
        string.Equals(keyword, "cultureInfo", StringComparison.Ordinal) ? "Culture"
        : ObjectTypes.Keys.FirstOrDefault(k => string.Equals(k, keyword, StringComparison.OrdinalIgnoreCase));

    private sealed record Document(
        IReadOnlyList<string> RootObjects, Dictionary<string, TmdlObjectType> ObjectTypes, Dictionary<string, List<string>> Enums);
}

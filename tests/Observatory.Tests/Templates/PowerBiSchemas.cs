using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Observatory.Tests.Feed;

namespace Observatory.Tests.Templates;

/// <summary>
/// Microsoft's published JSON schemas for Power BI projects (PBIP, PBIR, PBISM, .platform), read from the copies in
/// Schemas/powerbi (see its SOURCE.md) and registered under their public URLs, so that a file's <c>$schema</c> and
/// the schemas' relative <c>$ref</c>s resolve without the network.
/// </summary>
public sealed class PowerBiSchemas
{
    public static readonly string Folder = Path.Combine(ReportReproductionTests.RepositoryRoot(), "tests", "Observatory.Tests", "Templates", "Schemas", "powerbi");

    private static readonly Lazy<PowerBiSchemas> Shared = new(() => new PowerBiSchemas());

    private readonly SchemaRegistry _registry = new();
    private readonly Dictionary<Uri, JsonSchema> _byUrl = [];

    private PowerBiSchemas()
    {
        var options = new BuildOptions { SchemaRegistry = _registry };
        foreach (var file in Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            // Building registers the schema under its $id in this registry (never the global one, and with no
            // fetching), where the other schemas' $refs find it; each file's "$schema" makes it draft-07.
            var text = File.ReadAllText(file);
            var id = new Uri(JsonNode.Parse(text)!["$id"]!.GetValue<string>());
            var schema = JsonSchema.FromText(text, options, id);
            // The two *-embedded.json files declare $id .../schema.embedded.json yet are $ref'd (and named in
            // $schema) as .../schema-embedded.json, their file name: register each under both.
            var asNamed = new Uri(id, Path.GetFileName(file));
            foreach (var url in new[] { id, asNamed }.Distinct())
            {
                if (url != id)
                {
                    _registry.Register(url, schema);
                }

                _byUrl[url] = schema;
            }
        }
    }

    public static PowerBiSchemas Instance => Shared.Value;

    /// <summary>The public URLs this copy knows.</summary>
    public IReadOnlyCollection<Uri> Urls => _byUrl.Keys;

    /// <summary>
    /// Checks a JSON document against the schema its <c>$schema</c> names; a document naming none, or one not in
    /// this copy, is itself the problem. Each problem reads "instance location: message".
    /// </summary>
    public IReadOnlyList<string> Problems(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("$schema", out var named)
            || named.ValueKind != JsonValueKind.String)
        {
            return ["(root): names no schema in $schema"];
        }

        if (!Uri.TryCreate(named.GetString(), UriKind.Absolute, out var url) || !_byUrl.TryGetValue(url, out var schema))
        {
            return [$"(root): $schema '{named.GetString()}' is not one of Microsoft's published Power BI schemas kept in {Folder}"];
        }

        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        // Errors inside a oneOf/anyOf alternative are mostly the alternatives that were never meant: listed last.
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Prepend(results)
                .Where(detail => detail.Errors is { Count: > 0 })
                .OrderBy(detail => detail.EvaluationPath.ToString() is var path && (path.Contains("/oneOf/", StringComparison.Ordinal) || path.Contains("/anyOf/", StringComparison.Ordinal)))
                .SelectMany(detail => detail.Errors!.Select(error =>
                    $"{(detail.InstanceLocation.ToString() is { Length: > 0 } at ? at : "(root)")}: {error.Value} ({error.Key} at {detail.EvaluationPath})"))
                .Distinct()];
    }
}

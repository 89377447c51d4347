using System.Text.Json;
using System.Text.Json.Nodes;

namespace Observatory.Templates.Report;

/// <summary>The pieces of PBIR (the report's JSON folder format) and of its semantic queries that every page and visual repeats.</summary>
public static class Pbir
{
    public const string SchemaRoot = "https://developer.microsoft.com/json-schemas/fabric/";

    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    public static string Schema(string path) => SchemaRoot + path;

    /// <summary>A column of the model as a visual's field.</summary>
    public static JsonObject Column(string table, string column) => Projection("Column", table, column);

    /// <summary>A measure of the model as a visual's field.</summary>
    public static JsonObject Measure(string table, string measure) => Projection("Measure", table, measure);

    /// <summary>A literal in a semantic query: text in single quotes (quotes doubled), numbers and booleans as they are.</summary>
    public static JsonObject Literal(string value) => new() { ["expr"] = new JsonObject { ["Literal"] = new JsonObject { ["Value"] = value } } };

    public static string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Write(JsonNode node) => node.ToJsonString(Indented) + "\n";

    private static JsonObject Projection(string kind, string table, string name) => new()
    {
        ["field"] = new JsonObject
        {
            [kind] = new JsonObject
            {
                ["Expression"] = new JsonObject { ["SourceRef"] = new JsonObject { ["Entity"] = table } },
                ["Property"] = name,
            },
        },
        ["queryRef"] = $"{table}.{name}",
        ["nativeQueryRef"] = name,
    };
}

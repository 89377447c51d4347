using System.Text.RegularExpressions;

namespace Observatory.Tests.Templates;

/// <summary>
/// The M a TMDL file holds: each <c>expression Name = ...</c>, each partition's <c>source =</c> and each refresh
/// policy's <c>sourceExpression =</c>. The only place these tests read TMDL: a full TMDL reader can take its place.
/// </summary>
/// <remarks>
/// TMDL (learn.microsoft.com, "TMDL overview"): a value after '=' on the same line is the whole expression; an empty
/// one is followed by the expression indented deeper than the properties that follow it (an object's properties
/// are one level in from its declaration, a property's siblings at its own level), or fenced in ``` lines.
/// </remarks>
public static partial class TmdlM
{
    /// <param name="Kind">"expression", "partition source" or "refreshPolicy sourceExpression".</param>
    /// <param name="Object">The expression's name, or the table's.</param>
    public sealed record Found(string Kind, string Object, string Text);

    public static IReadOnlyList<Found> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var found = new List<Found>();
        string? table = null;
        var mPartition = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (Table().Match(line) is { Success: true } tableLine)
            {
                table = Name(tableLine.Groups[1].Value);
            }
            else if (Partition().Match(line) is { Success: true } partition)
            {
                // A calculated partition's source is DAX, not M.
                mPartition = partition.Groups[1].Value == "m";
            }
            else if (Expression().Match(line) is { Success: true } expression)
            {
                found.Add(new Found("expression", Name(expression.Groups[1].Value), Value(lines, ref i, expression.Groups[2].Value, Indent(line) + 1)));
            }
            else if (Property().Match(line) is { Success: true } property && table is not null
                     && (property.Groups[1].Value == "sourceExpression" || mPartition))
            {
                var kind = property.Groups[1].Value == "source" ? "partition source" : "refreshPolicy sourceExpression";
                found.Add(new Found(kind, table, Value(lines, ref i, property.Groups[2].Value, Indent(line))));
            }
        }

        return found;
    }

    /// <summary>The expression starting after '=' on lines[i], leaving i on its last line.</summary>
    /// <param name="siblings">The indentation of what follows the expression: deeper lines belong to it.</param>
    private static string Value(string[] lines, ref int i, string rest, int siblings)
    {
        var block = new List<string>();
        if (rest.Trim() == "```")
        {
            while (++i < lines.Length && lines[i].Trim() != "```")
            {
                block.Add(lines[i]);
            }
        }
        else if (rest.Trim().Length > 0)
        {
            return rest.Trim();
        }
        else
        {
            while (i + 1 < lines.Length && (lines[i + 1].Trim().Length == 0 || Indent(lines[i + 1]) > siblings))
            {
                block.Add(lines[++i]);
            }
        }

        while (block.Count > 0 && block[^1].Trim().Length == 0)
        {
            block.RemoveAt(block.Count - 1);
        }

        var margin = block.Where(l => l.Trim().Length > 0).Select(Indent).DefaultIfEmpty(0).Min();
        return string.Join('\n', block.Select(l => l.Length >= margin ? l[margin..] : "").Select(l => l.TrimEnd()));
    }

    private static int Indent(string line) => line.Length - line.TrimStart('\t', ' ').Length;

    /// <summary>A TMDL name: 'Quoted name' (with '' for ') or a bare word.</summary>
    private static string Name(string name) => name.StartsWith('\'') ? name[1..^1].Replace("''", "'", StringComparison.Ordinal) : name;

    [GeneratedRegex(@"^table\s+('(?:[^']|'')*'|\S+)\s*$")]
    private static partial Regex Table();

    [GeneratedRegex(@"^expression\s+('(?:[^']|'')*'|[^\s=]+)\s*=(.*)$")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^\s+partition\s+(?:'(?:[^']|'')*'|\S+)\s*=\s*(\w+)\s*$")]
    private static partial Regex Partition();

    [GeneratedRegex(@"^\s+(source|sourceExpression)\s*=(.*)$")]
    private static partial Regex Property();
}

using System.Text.RegularExpressions;

namespace Observatory.Tests.Templates;

/// <summary>
/// Reads TMDL text into its objects, by the rules of Microsoft's "Tabular Model Definition Language" overview:
/// one tab per level (objects at level n, their properties and children at n + 1); a declaration is
/// <c>type name</c> or <c>type name = default</c>; a property is <c>name: value</c>, a boolean flag alone, or an
/// expression <c>name =</c> whose lines sit deeper than the object's properties (or between <c>```</c> fences);
/// <c>///</c> lines describe the object below them. It checks the syntax only; <see cref="TmdlStructureChecker"/>
/// holds the objects and properties against Microsoft's catalogue.
/// </summary>
public static partial class TmdlReader
{
    // Singletons written `type = value`: they have a default property and no name. Any other `word = ...` inside an
    // object is an expression property (`source =`, `expression =`).
    private static readonly HashSet<string> SingletonsWithDefault = new(StringComparer.OrdinalIgnoreCase)
    {
        "formatStringDefinition", "detailRowsDefinition", "dataCoverageDefinition", "calculationExpression", "changedProperty", "linguisticMetadata",
    };

    public static IReadOnlyList<TmdlObject> Parse(string text, string file)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var roots = new List<TmdlObject>();
        var open = new Stack<(TmdlObject Object, int Depth)>();
        var description = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var depth = Depth(lines[i], file, i + 1);
            var content = lines[i][depth..].TrimEnd();
            while (open.Count > 0 && open.Peek().Depth >= depth)
            {
                open.Pop();
            }

            var parent = open.Count > 0 ? open.Peek() : ((TmdlObject Object, int Depth)?)null;
            var expected = parent is { } p ? p.Depth + 1 : 0;
            if (depth != expected)
            {
                throw new TmdlFormatException(file, i + 1, $"indented {depth} tab(s) where {expected} were expected (one tab per level)");
            }

            if (content.StartsWith("///", StringComparison.Ordinal))
            {
                description.Add(content[3..].StartsWith(' ') ? content[4..] : content[3..]);
                continue;
            }

            var line = new Line(lines, file, i, depth, content);
            if (parent is { } owner && PropertyOf(line, owner.Object, ref i) is { } property)
            {
                if (description.Count > 0)
                {
                    throw new TmdlFormatException(file, i + 1, "a /// description must stand above an object, not a property");
                }

                owner.Object.Properties.Add(property);
                continue;
            }

            var declared = Declaration(line, parent?.Object, ref i);
            declared.Description = description.Count > 0 ? string.Join('\n', description) : null;
            description.Clear();
            (parent?.Object.Children ?? roots).Add(declared);
            open.Push((declared, depth));
        }

        return description.Count > 0 ? throw new TmdlFormatException(file, lines.Length, "a /// description with no object after it") : roots;
    }

    private readonly record struct Line(string[] All, string File, int Index, int Depth, string Content)
    {
        public int Number => Index + 1;

        public TmdlFormatException Error(string problem) => new(File, Number, problem);
    }

    /// <summary>Tabs before the first character; a space there is an error (TMDL indents with tabs only).</summary>
    private static int Depth(string line, string file, int number)
    {
        var tabs = 0;
        while (tabs < line.Length && line[tabs] == '\t')
        {
            tabs++;
        }

        return tabs < line.Length && line[tabs] == ' '
            ? throw new TmdlFormatException(file, number, "indented with spaces; TMDL indents with one tab per level")
            : tabs;
    }

    /// <summary>A property of the object above, or null when the line declares an object.</summary>
    private static TmdlProperty? PropertyOf(Line line, TmdlObject owner, ref int index)
    {
        if (PropertyLine().Match(line.Content) is { Success: true } value)
        {
            return new TmdlProperty(value.Groups[1].Value, value.Groups[2].Value.Trim(), TmdlPropertyKind.Value, line.File, line.Number);
        }

        if (ExpressionLine().Match(line.Content) is { Success: true } expression && !SingletonsWithDefault.Contains(expression.Groups[1].Value))
        {
            var text = TmdlExpressions.Read(line.All, line.File, ref index, expression.Groups[2].Value.Trim(), line.Depth + 1);
            return new TmdlProperty(expression.Groups[1].Value, text, TmdlPropertyKind.Expression, line.File, line.Number);
        }

        // A word alone is a flag, unless lines below it make it an object (a singleton such as refreshPolicy, or a
        // structure such as dataAccessOptions whose properties follow).
        return Word().IsMatch(line.Content) && !HasChildren(line)
            ? new TmdlProperty(line.Content, "true", TmdlPropertyKind.Flag, line.File, line.Number)
            : null;
    }

    private static bool HasChildren(Line line) =>
        line.All.Skip(line.Index + 1).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l)) is { } next
        && next.TakeWhile(c => c == '\t').Count() > line.Depth;

    private static TmdlObject Declaration(Line line, TmdlObject? parent, ref int index)
    {
        var match = DeclarationLine().Match(line.Content);
        if (!match.Success)
        {
            throw line.Error($"'{line.Content}' is neither an object declaration nor a property");
        }

        var type = match.Groups[1].Value;
        var rest = match.Groups[2].Value;
        var reference = type == "ref";
        if (reference)
        {
            var referenced = DeclarationLine().Match(rest);
            (type, rest) = referenced.Success && referenced.Groups[2].Length > 0 ? (referenced.Groups[1].Value, referenced.Groups[2].Value)
                : throw line.Error("a ref line names an object type and a name: ref table Referrals");
        }

        var name = rest.StartsWith('=') || rest.Length == 0 ? null : TmdlNames.Read(ref rest, line.File, line.Number);
        rest = rest.Trim();
        string? defaultValue = null;
        if (rest.StartsWith('='))
        {
            defaultValue = TmdlExpressions.Read(line.All, line.File, ref index, rest[1..].Trim(), line.Depth + 2);
        }
        else if (rest.Length > 0)
        {
            throw line.Error($"unexpected '{rest}' after the name of a {type}");
        }

        return new TmdlObject { Type = type, Name = name, DefaultValue = defaultValue, IsReference = reference, Parent = parent, File = line.File, Line = line.Number };
    }

    [GeneratedRegex(@"^(\w+)\s*:(.*)$")]
    private static partial Regex PropertyLine();

    [GeneratedRegex(@"^(\w+)\s*=(.*)$")]
    private static partial Regex ExpressionLine();

    [GeneratedRegex(@"^\w+$")]
    private static partial Regex Word();

    [GeneratedRegex(@"^(\w+)\s*(.*)$")]
    private static partial Regex DeclarationLine();
}

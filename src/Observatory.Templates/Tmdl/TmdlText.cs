using System.Globalization;
using System.Text;

namespace Observatory.Templates.Tmdl;

/// <summary>
/// Text in the Tabular Model Definition Language as Power BI Desktop writes it: one tab per level of nesting,
/// <c>///</c> descriptions before the object they describe, <c>name: value</c> properties, and expressions (DAX or
/// M) on the lines after their property, two levels deeper than it. Expressions never hold blank lines, which TMDL
/// would read as their end.
/// </summary>
public sealed class TmdlText
{
    private readonly StringBuilder _text = new();

    public TmdlText Description(int depth, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            foreach (var line in text.Trim().Split('\n'))
            {
                Line(depth, "/// " + line.TrimEnd());
            }
        }

        return this;
    }

    /// <summary><c>type name</c>, or <c>type name = value</c> when the object's default property is short.</summary>
    public TmdlText Object(int depth, string type, string name, string? value = null) =>
        Line(depth, value is null ? $"{type} {Name(name)}" : $"{type} {Name(name)} = {value}");

    /// <summary>An object of which a parent holds one only (a table's refresh policy): its type alone.</summary>
    public TmdlText Object(int depth, string type) => Line(depth, type);

    /// <summary><c>type name =</c> with a multi-line default property (a measure's DAX, an expression's M).</summary>
    public TmdlText Object(int depth, string type, string name, IReadOnlyList<string> expression)
    {
        Line(depth, $"{type} {Name(name)} =");
        return Expression(depth, expression);
    }

    public TmdlText Property(int depth, string name, string value) => Line(depth, $"{name}: {value}");

    public TmdlText Property(int depth, string name, int value) => Property(depth, name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A boolean property that is true, written as its name alone.</summary>
    public TmdlText Flag(int depth, string name) => Line(depth, name);

    /// <summary><c>name =</c> followed by a multi-line expression.</summary>
    public TmdlText Expression(int depth, string name, IReadOnlyList<string> expression)
    {
        Line(depth, $"{name} =");
        return Expression(depth, expression);
    }

    public TmdlText Annotation(int depth, string name, string value) => Line(depth, $"annotation {Name(name)} = {value}");

    public TmdlText Blank()
    {
        _text.Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>A name as TMDL writes it: bare when it is a plain identifier, otherwise in single quotes with quotes doubled.</summary>
    public static string Name(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    private TmdlText Expression(int depth, IReadOnlyList<string> expression)
    {
        foreach (var line in expression)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                throw new ArgumentException("An expression in TMDL cannot hold a blank line: it would end the expression.", nameof(expression));
            }

            Line(depth + 2, line.TrimEnd());
        }

        return this;
    }

    private TmdlText Line(int depth, string text)
    {
        _text.Append('\t', depth).Append(text).Append('\n');
        return this;
    }
}

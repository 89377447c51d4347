using System.Globalization;
using System.Text;

namespace Observatory.Tests.Templates;

public enum DaxTokenKind
{
    /// <summary>A function, a bare table name or a variable (<c>CALCULATE</c>, <c>Referrals</c>, <c>T.INV.2T</c>).</summary>
    Name,

    /// <summary>VAR, RETURN or IN, in any case.</summary>
    Keyword,

    /// <summary>A table name in single quotes, unquoted (<c>'Age Bands'</c> is <c>Age Bands</c>).</summary>
    QuotedName,

    /// <summary>A column or measure name in brackets, unbracketed (<c>[Code]</c> is <c>Code</c>).</summary>
    Bracketed,

    String,
    Number,
    Operator,
    End,
}

/// <summary>One token of a DAX expression and where it starts (a character offset), for messages.</summary>
public readonly record struct DaxToken(DaxTokenKind Kind, string Text, int Position)
{
    public bool Is(string text) => Kind is DaxTokenKind.Operator or DaxTokenKind.Keyword or DaxTokenKind.Name
        && string.Equals(Text, text, StringComparison.OrdinalIgnoreCase);

    public double Number => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>
/// Splits DAX into tokens by the language's lexical rules: strings in double quotes with <c>""</c> for a quote,
/// table names in single quotes with <c>''</c>, column and measure names in brackets with <c>]]</c>, numbers,
/// operators, and comments (<c>//</c>, <c>--</c> and <c>/* */</c>) dropped.
/// </summary>
public static class DaxTokenizer
{
    private static readonly string[] Operators = ["&&", "||", "<=", ">=", "<>", "==", "+", "-", "*", "/", "^", "&", "=", "<", ">", "(", ")", ",", "{", "}"];

    public static IReadOnlyList<DaxToken> Tokenize(string dax)
    {
        var tokens = new List<DaxToken>();
        var i = 0;
        while (i < dax.Length)
        {
            var c = dax[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (dax.AsSpan(i).StartsWith("//") || dax.AsSpan(i).StartsWith("--"))
            {
                i = dax.IndexOf('\n', i) is var end and >= 0 ? end : dax.Length;
            }
            else if (dax.AsSpan(i).StartsWith("/*"))
            {
                i = dax.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : throw Error(dax, i, "a /* comment is not closed");
            }
            else if (c is '"' or '\'' or '[')
            {
                var close = c == '[' ? ']' : c;
                var text = Delimited(dax, ref i, close);
                tokens.Add(new(c switch { '"' => DaxTokenKind.String, '\'' => DaxTokenKind.QuotedName, _ => DaxTokenKind.Bracketed }, text, start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < dax.Length && char.IsAsciiDigit(dax[i + 1])))
            {
                while (i < dax.Length && (char.IsAsciiDigit(dax[i]) || dax[i] == '.'))
                {
                    i++;
                }

                if (i < dax.Length && dax[i] is 'e' or 'E')
                {
                    i += i + 1 < dax.Length && dax[i + 1] is '+' or '-' ? 2 : 1;
                    while (i < dax.Length && char.IsAsciiDigit(dax[i]))
                    {
                        i++;
                    }
                }

                tokens.Add(new(DaxTokenKind.Number, dax[start..i], start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < dax.Length && (char.IsLetterOrDigit(dax[i]) || dax[i] is '_' or '.'))
                {
                    i++;
                }

                var name = dax[start..i];
                var keyword = name.ToUpperInvariant() is "VAR" or "RETURN" or "IN";
                tokens.Add(new(keyword ? DaxTokenKind.Keyword : DaxTokenKind.Name, name, start));
            }
            else if (Operators.FirstOrDefault(o => dax.AsSpan(i).StartsWith(o)) is { } op)
            {
                tokens.Add(new(DaxTokenKind.Operator, op, start));
                i += op.Length;
            }
            else
            {
                throw Error(dax, i, $"'{c}' is not DAX");
            }
        }

        tokens.Add(new(DaxTokenKind.End, "", dax.Length));
        return tokens;
    }

    /// <summary>Text up to the closing delimiter, a doubled delimiter standing for one.</summary>
    private static string Delimited(string dax, ref int i, char close)
    {
        var start = i;
        var text = new StringBuilder();
        for (i++; i < dax.Length; i++)
        {
            if (dax[i] != close)
            {
                text.Append(dax[i]);
            }
            else if (i + 1 < dax.Length && dax[i + 1] == close)
            {
                text.Append(close);
                i++;
            }
            else
            {
                i++;
                return text.ToString();
            }
        }

        throw Error(dax, start, $"no closing {close}");
    }

    public static FormatException Error(string dax, int position, string problem) =>
        new($"{problem} at {position} in: {(dax.Length > 200 ? dax[..200] + "…" : dax)}");
}

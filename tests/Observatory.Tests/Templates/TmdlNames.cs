using System.Text;

namespace Observatory.Tests.Templates;

/// <summary>
/// TMDL object names: bare when they are one word, else in single quotes with a quote doubled
/// (<c>'Age Bands'</c>, <c>'Children''s services'</c>); references join them with dots (<c>Referrals.'Service Key'</c>).
/// </summary>
public static class TmdlNames
{
    /// <summary>Reads one name from the start of <paramref name="text"/> and leaves the rest in it.</summary>
    public static string Read(ref string text, string file, int line)
    {
        text = text.TrimStart();
        if (!text.StartsWith('\''))
        {
            var end = 0;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not '=' and not '.')
            {
                end++;
            }

            var bare = text[..end];
            text = text[end..];
            return bare.Length > 0 ? bare : throw new TmdlFormatException(file, line, "a name is missing");
        }

        var name = new StringBuilder();
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] != '\'')
            {
                name.Append(text[i]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '\'')
            {
                name.Append('\'');
                i++;
            }
            else
            {
                text = text[(i + 1)..];
                return name.ToString();
            }
        }

        throw new TmdlFormatException(file, line, "a quoted name has no closing quote");
    }

    /// <summary>A reference such as <c>Referrals.ServiceKey</c> or <c>'Age Bands'.Code</c>, as its parts.</summary>
    public static IReadOnlyList<string> ReadReference(string text, string file, int line)
    {
        var parts = new List<string> { Read(ref text, file, line) };
        while (text.StartsWith('.'))
        {
            text = text[1..];
            parts.Add(Read(ref text, file, line));
        }

        return text.Trim().Length == 0 ? parts : throw new TmdlFormatException(file, line, $"unexpected '{text.Trim()}' in a reference");
    }

    /// <summary>How TMDL writes a name: quoted when it holds anything but letters, digits and underscores.</summary>
    public static string Quote(string name) =>
        name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '_') ? name : $"'{name.Replace("'", "''", StringComparison.Ordinal)}'";
}

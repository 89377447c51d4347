namespace Observatory.Tests.Templates;

/// <summary>
/// The value after <c>=</c> on a declaration or an expression property: the rest of the line, or a block of the lines
/// below indented deeper than the object's properties, or the lines between <c>```</c> fences kept as written. A
/// block loses the indentation its lines share, so a DAX or M expression reads as it would in an editor.
/// </summary>
internal static class TmdlExpressions
{
    private const string Fence = "```";

    /// <param name="lines">The file's lines.</param>
    /// <param name="index">The line holding the <c>=</c>; left at the last line the value used.</param>
    /// <param name="inline">The text after <c>=</c> on that line.</param>
    /// <param name="minimumTabs">Tabs a block line needs: two more than the object the value belongs to.</param>
    public static string Read(string[] lines, string file, ref int index, string inline, int minimumTabs)
    {
        if (inline == Fence)
        {
            return Fenced(lines, file, ref index);
        }

        if (inline.Length > 0)
        {
            return inline;
        }

        var block = new List<string>();
        var last = index;
        for (var i = index + 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                block.Add("");
                continue;
            }

            if (lines[i].Length <= minimumTabs || lines[i][..minimumTabs].Any(c => c != '\t'))
            {
                break;
            }

            block.Add(lines[i][minimumTabs..]);
            last = i;
        }

        // Blank lines after the expression belong to the file, not to it.
        block = block.Take(last - index).ToList();
        index = last;
        return block.Count > 0 ? Dedent(block)
            : throw new TmdlFormatException(file, index + 1, $"'=' with no value: an expression goes on the next lines, indented {minimumTabs} tab(s)");
    }

    private static string Fenced(string[] lines, string file, ref int index)
    {
        var start = index;
        for (var i = index + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim() == Fence)
            {
                index = i;
                return Dedent(lines[(start + 1)..i]);
            }
        }

        throw new TmdlFormatException(file, start + 1, "a ``` block has no closing ```");
    }

    private static string Dedent(IReadOnlyList<string> lines)
    {
        var shared = lines.Where(l => l.Trim().Length > 0)
            .Select(l => l[..(l.Length - l.TrimStart(' ', '\t').Length)])
            .DefaultIfEmpty("")
            .Aggregate((a, b) => a[..a.Zip(b).TakeWhile(p => p.First == p.Second).Count()]);
        return string.Join('\n', lines.Select(l => l.Length >= shared.Length ? l[shared.Length..].TrimEnd() : l.TrimEnd()));
    }
}

namespace Observatory.Tests.Templates;

/// <summary>
/// The M a TMDL file holds, read with <see cref="TmdlReader"/>: each <c>expression Name = ...</c>, each M
/// partition's <c>source =</c> (a calculated partition's source is DAX) and each refresh policy's
/// <c>sourceExpression =</c>.
/// </summary>
public static class TmdlM
{
    /// <param name="Kind">"expression", "partition source" or "refreshPolicy sourceExpression".</param>
    /// <param name="Object">The expression's name, or the table's.</param>
    public sealed record Found(string Kind, string Object, string Text);

    public static IReadOnlyList<Found> Read(string path)
    {
        var found = new List<Found>();
        foreach (var item in TmdlReader.Parse(File.ReadAllText(path), CommittedTemplates.Relative(path)).SelectMany(root => root.DescendantsAndSelf()))
        {
            switch (item.Type)
            {
                case "expression" when item.DefaultValue is { } m:
                    found.Add(new Found("expression", item.Name!, m));
                    break;
                case "partition" when item.DefaultValue == "m" && item.Property("source") is { } m:
                    found.Add(new Found("partition source", item.Parent?.Name ?? item.Name!, m));
                    break;
                case "refreshPolicy" when item.Property("sourceExpression") is { } m:
                    found.Add(new Found("refreshPolicy sourceExpression", item.Parent?.Name ?? "", m));
                    break;
            }
        }

        return found;
    }
}

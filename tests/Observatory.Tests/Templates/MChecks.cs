namespace Observatory.Tests.Templates;

/// <summary>What makes M fail before it reaches the feed: it does not parse, or it names something that is not there.</summary>
public static class MChecks
{
    /// <summary>Each expression that does not parse, with the parser's message and position.</summary>
    public static IReadOnlyList<string> Unparsed(IEnumerable<ParsedM> parsed) =>
        [.. parsed.Where(m => !m.Ok).Select(m => m.Describe())];

    /// <summary>
    /// Each free name that is neither one of <paramref name="defined"/> (queries and parameters of the model) nor a
    /// standard library name: Power BI and Excel stop a refresh with "The name 'X' wasn't recognized".
    /// </summary>
    public static IReadOnlyList<string> UnknownNames(ParsedM parsed, IReadOnlyCollection<string> defined) =>
        [.. parsed.FreeIdentifiers
            .Where(name => !defined.Contains(name) && !PowerQueryLibrary.Names.Contains(name))
            .Select(name => $"{parsed.Name}: '{name}' is neither defined in expressions.tmdl nor a library name in {nameof(PowerQueryLibrary)}")];
}

namespace Observatory.Dashboards.Definitions;

/// <summary>The allowed name a misspelt one was most likely meant to be, for "did you mean" in messages.</summary>
internal static class NearestName
{
    /// <summary>"; did you mean 'x'?" when a choice is a few edits away (about one in three characters), else "".</summary>
    public static string Suggestion(string written, IEnumerable<string> choices)
    {
        var nearest = choices
            .Select(choice => (Choice: choice, Distance: Distance(written, choice)))
            .Where(c => c.Distance > 0 && c.Distance <= Math.Max(2, c.Choice.Length / 3))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return nearest.Choice is null ? "" : $"; did you mean '{nearest.Choice}'?";
    }

    // Levenshtein distance: insertions, deletions and substitutions each count one.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}

namespace Observatory.Tests.Templates;

/// <summary>
/// The Excel connection files: each opens as a Power Query connection, and carries the same M as the .pq file a
/// user would paste instead, so the two ways into Excel load the same rows.
/// </summary>
public class OdcTests
{
    [Fact]
    public void EveryOdcIsWellFormedAndAPowerQueryConnection()
    {
        var failures = new List<string>();
        foreach (var path in CommittedTemplates.Odc())
        {
            try
            {
                var odc = OdcFile.Read(path);
                // Excel hands a Power Query connection to the Mashup OLE DB provider, which runs the query named by Location.
                if (odc.Provider != "Microsoft.Mashup.OleDb.1" || odc.Type != "OLEDB" || string.IsNullOrEmpty(odc.Location))
                {
                    failures.Add($"{CommittedTemplates.Relative(path)}: {odc.ConnectionElement} odc:Type={odc.Type}, Provider={odc.Provider}, Location={odc.Location}; " +
                                 "a Power Query connection is odc:Type=\"OLEDB\" with Provider=Microsoft.Mashup.OleDb.1 and a Location");
                }
            }
            catch (Exception exception) when (exception is System.Xml.XmlException or FormatException or InvalidDataException)
            {
                failures.Add($"{CommittedTemplates.Relative(path)}: {exception.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryOdcCarriesTheMOfItsPqFileAndEveryQueryThatMReferences()
    {
        var failures = new List<string>();
        foreach (var path in CommittedTemplates.Odc())
        {
            var name = CommittedTemplates.Relative(path);
            var odc = OdcFile.Read(path);
            var queries = await TemplateM.QueriesAsync(odc);
            var pq = Path.ChangeExtension(path, ".pq");
            if (odc.Location is not { } location || !queries.TryGetValue(location, out var formula))
            {
                failures.Add($"{name}: no query named by Location={odc.Location} (has {string.Join(", ", queries.Keys)})");
            }
            else if (!File.Exists(pq))
            {
                failures.Add($"{name}: no {Path.GetFileName(pq)} beside it");
            }
            else if (Lines(formula) != Lines(File.ReadAllText(pq)))
            {
                failures.Add($"{name}: query {location} differs from {Path.GetFileName(pq)}:\n{formula}\n---\n{File.ReadAllText(pq)}");
            }

            // Excel has nothing but the file's own queries: a name the model's expressions.tmdl defines is of no help here.
            foreach (var (query, text) in queries)
            {
                var parsed = await PowerQueryParser.ParseAsync($"{name}: query {query}", text);
                failures.AddRange(MChecks.UnknownNames(parsed, [.. queries.Keys])
                    .Select(problem => problem.Replace("defined in expressions.tmdl", "a query of the file", StringComparison.Ordinal)));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Text compared line by line: line endings and trailing space differ between XML and a file, meaning does not.</summary>
    private static string Lines(string text) => string.Join('\n', text.ReplaceLineEndings("\n").Trim().Split('\n').Select(line => line.TrimEnd()));
}

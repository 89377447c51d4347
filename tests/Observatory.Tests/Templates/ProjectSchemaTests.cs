using System.Text;

namespace Observatory.Tests.Templates;

/// <summary>
/// The Power BI project's JSON files against Microsoft's published schemas: Power BI Desktop refuses to open a PBIP
/// whose PBIR or PBISM files do not validate against the schema version they name.
/// </summary>
public class ProjectSchemaTests
{
    [Fact]
    public void EveryJsonFileOfTheProjectValidatesAgainstTheSchemaItNames()
    {
        var failures = CommittedTemplates.ProjectJson()
            .Select(path => (Path: CommittedTemplates.Relative(path), Problems: PowerBiSchemas.Instance.Problems(File.ReadAllText(path))))
            .Where(file => file.Problems.Count > 0)
            .Select(file => $"{file.Path}:\n  {string.Join("\n  ", file.Problems.Take(20))}")
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EveryGeneratedFileIsUtf8WithoutAByteOrderMark()
    {
        // Power BI writes its project files as UTF-8 without a BOM, and git diffs of a regenerated project stay clean
        // only if the generator does the same. Excel reads an .odc by its meta charset, which says utf-8.
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var failures = new List<string>();
        foreach (var path in CommittedTemplates.All())
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
            {
                failures.Add($"{CommittedTemplates.Relative(path)}: starts with a UTF-8 byte order mark");
            }

            try
            {
                strict.GetString(bytes);
            }
            catch (DecoderFallbackException exception)
            {
                failures.Add($"{CommittedTemplates.Relative(path)}: not UTF-8 ({exception.Message})");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void AVisualWithAPropertyOfTheWrongTypeFails()
    {
        // A minimal valid visual container, then the same with position.x as text: the schema wants a number.
        const string visual = """
            {
              "$schema": "https://developer.microsoft.com/json-schemas/fabric/item/report/definition/visualContainer/2.9.0/schema.json",
              "name": "referrals",
              "position": { "x": 0, "y": 0, "z": 0, "width": 400, "height": 300 },
              "visual": { "visualType": "card" }
            }
            """;

        Assert.Empty(PowerBiSchemas.Instance.Problems(visual));
        var problems = PowerBiSchemas.Instance.Problems(visual.Replace("\"x\": 0", "\"x\": \"0\"", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("/position/x:", StringComparison.Ordinal));
    }

    [Fact]
    public void AFileNamingNoSchemaOrAnUnknownOneFails()
    {
        Assert.NotEmpty(PowerBiSchemas.Instance.Problems("""{ "version": "1.0" }"""));
        Assert.NotEmpty(PowerBiSchemas.Instance.Problems(
            """{ "$schema": "https://developer.microsoft.com/json-schemas/fabric/item/report/definition/page/9.9.9/schema.json" }"""));
    }

    [Fact]
    public void TheEmbeddedSchemasResolveUnderBothTheirDeclaredAndTheirReferencedNames()
    {
        var urls = PowerBiSchemas.Instance.Urls.Select(url => url.AbsoluteUri).ToList();

        Assert.Contains("https://developer.microsoft.com/json-schemas/fabric/item/report/definition/visualConfiguration/2.3.0/schema-embedded.json", urls);
        Assert.Contains("https://developer.microsoft.com/json-schemas/fabric/item/report/definition/visualConfiguration/2.3.0/schema.embedded.json", urls);
        Assert.Contains("https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json", urls);
    }
}

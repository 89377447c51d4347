using System.Text.RegularExpressions;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Observatory.Tests.Templates;

/// <summary>
/// Each <c>OData.Feed(ObservatoryUrl &amp; "/odata/Set?$select=...", null, [...])</c> call against the feed's own
/// $metadata: the set and every property the URL and the rest of the expression name exist, and the options are
/// the ones the templates promise.
/// </summary>
public static partial class FeedCallChecks
{
    /// <summary>
    /// Implementation="2.0" is the current OData connector (the older one reads $metadata differently),
    /// ODataVersion=4 skips its version probe, and OmitValues=ODataOmitValues.Nulls lets the feed leave out nulls.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RequiredOptions = new Dictionary<string, string>
    {
        ["Implementation"] = "\"2.0\"",
        ["ODataVersion"] = "4",
        ["OmitValues"] = "ODataOmitValues.Nulls",
    };

    private static readonly Uri ServiceRoot = new("http://localhost/odata/");

    public static IReadOnlyList<string> Problems(ParsedM parsed, IEdmModel model)
    {
        var problems = new List<string>();
        var types = new List<IEdmStructuredType>();
        var selected = new List<HashSet<string>?>();
        foreach (var call in parsed.AllCalls.Where(c => c.Function == "OData.Feed"))
        {
            var at = $"{parsed.Name}: OData.Feed({(call.Arguments.Count > 0 ? call.Arguments[0].M : "")})";
            var options = call.Arguments.Count > 2 ? call.Arguments[2].Record : null;
            foreach (var (name, value) in RequiredOptions.Where(o => options?.GetValueOrDefault(o.Key) != o.Value))
            {
                problems.Add($"{at}: the options record needs {name}={value} (has {options?.GetValueOrDefault(name) ?? "none"})");
            }

            if (Url(call) is not { } url)
            {
                problems.Add($"{at}: the URL is not the URL parameter & \"/odata/<EntitySet>...\"");
                continue;
            }

            var set = model.EntityContainer.FindEntitySet(url.Path);
            if (set is null)
            {
                problems.Add($"{at}: '{url.Path}' is not an entity set of the feed's $metadata");
                continue;
            }

            types.Add(set.EntityType);
            // The OData library's own URI parser resolves every $select and $filter name against the type, as the feed does.
            var parser = new ODataUriParser(model, ServiceRoot, new Uri(url.Path + url.Query, UriKind.Relative));
            try
            {
                var selection = parser.ParseSelectAndExpand();
                parser.ParseFilter();
                parser.ParseOrderBy();
                selected.Add(selection is null || selection.AllSelected ? null
                    : [.. selection.SelectedItems.OfType<PathSelectItem>().Select(item => item.SelectedPath.FirstSegment.Identifier)]);
            }
            catch (ODataException exception)
            {
                problems.Add($"{at}: {exception.Message}");
            }
        }

        problems.AddRange(parsed.AllCalls.Where(c => c.Function == "Web.Contents").SelectMany(call => WebContentsProblems(parsed.Name, call, model)));

        // A row's [Field] must be a column the feed returns: a property of the set's type, and selected if $select is there.
        foreach (var field in types.Count == 0 ? [] : parsed.Fields ?? [])
        {
            if (!types.Any(type => type.FindProperty(field) is not null))
            {
                problems.Add($"{parsed.Name}: [{field}] is not a property of {string.Join(" or ", types.Select(t => t.FullTypeName()))}");
            }
            else if (selected.Count > 0 && selected.All(columns => columns is not null && !columns.Contains(field)))
            {
                problems.Add($"{parsed.Name}: [{field}] is not in the feed's $select, so the rows have no such column");
            }
        }

        return problems;
    }

    /// <summary>
    /// Web.Contents(ObservatoryUrl, [RelativePath = "odata/Set", Query = [#"$apply" = "..."]]), the way to an aggregation:
    /// the set exists and each query option parses against it as the feed will parse it.
    /// </summary>
    private static IEnumerable<string> WebContentsProblems(string name, MCall call, IEdmModel model)
    {
        var options = call.Arguments.Count > 1 ? call.Arguments[1].Record : null;
        var at = $"{name}: Web.Contents";
        if (options?.GetValueOrDefault("RelativePath") is not { } path || !path.StartsWith("\"odata/", StringComparison.Ordinal))
        {
            yield return $"{at}: no RelativePath = \"odata/<EntitySet>\"";
            yield break;
        }

        var set = path.Trim('"')["odata/".Length..];
        if (model.EntityContainer.FindEntitySet(set) is null)
        {
            yield return $"{at}: '{set}' is not an entity set of the feed's $metadata";
            yield break;
        }

        // The Query record's fields, e.g. #"$apply" = "groupby(...)": M text literals, "" for a quote.
        var query = string.Join('&', QueryOption().Matches(options.GetValueOrDefault("Query") ?? "")
            .Select(m => $"{m.Groups[1].Value}={Uri.EscapeDataString(m.Groups[2].Value.Replace("\"\"", "\"", StringComparison.Ordinal))}"));
        var parser = new ODataUriParser(model, ServiceRoot, new Uri($"{set}?{query}", UriKind.Relative));
        string? problem = null;
        try
        {
            parser.ParseApply();
            parser.ParseSelectAndExpand();
            parser.ParseFilter();
        }
        catch (ODataException exception)
        {
            problem = $"{at}({set}?{Uri.UnescapeDataString(query)}): {exception.Message}";
        }

        if (problem is not null)
        {
            yield return problem;
        }
    }

    /// <summary>
    /// The first argument's text after the URL parameter as path and query: <c>ObservatoryUrl &amp; "/odata/Set?..."</c>.
    /// Later non-text operands (a date key spliced into $filter) read as null, which parses wherever a value may stand.
    /// </summary>
    private static (string Path, string Query)? Url(MCall call)
    {
        var parts = call.Arguments.Count > 0 ? call.Arguments[0].Parts : [];
        if (parts.Count < 2 || parts[0].Text is not null || parts[1].Text is not { } first || !first.StartsWith("/odata/", StringComparison.Ordinal))
        {
            return null;
        }

        var text = string.Concat(parts.Skip(1).Select(part => part.Text ?? "null"))["/odata/".Length..];
        var query = text.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? (text, "") : (text[..query], text[query..]);
    }

    [GeneratedRegex(@"#""(\$\w+)""\s*=\s*""((?:[^""]|"""")*)""")]
    private static partial Regex QueryOption();
}

using Observatory.Templates.Model;

namespace Observatory.Templates.PowerQuery;

/// <summary>
/// The Power Query (M) that imports each table from the feed: <c>OData.Feed</c> on the entity set's URL with
/// <c>$select</c> naming the columns the model keeps, through the OData 4 implementation that reads the feed's
/// paging and omits null values. A table with incremental refresh keeps the rows whose date key falls in
/// [RangeStart, RangeEnd), which Power Query folds into the feed's <c>$filter</c>, so each partition's refresh
/// asks the feed for that period's rows only.
/// </summary>
public static class FeedQueries
{
    /// <summary>The parameter holding the service's address (its root, without /odata).</summary>
    public const string UrlParameter = "ObservatoryUrl";

    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The function turning RangeStart and RangeEnd into the warehouse's yyyymmdd date keys.</summary>
    public const string DateKeyFunction = "DateKeyOf";

    /// <summary>
    /// OData.Feed's options. ApiKeyName lets the "Web API" credential send an API key as the api-key query
    /// parameter, which the feed accepts; an organisational account or anonymous access ignores it.
    /// </summary>
    public const string Options = "[Implementation = \"2.0\", ODataVersion = 4, OmitValues = ODataOmitValues.Nulls, ApiKeyName = \"api-key\"]";

    /// <summary>The feed URL of a set, relative to the service root.</summary>
    public static string Path(string set, IEnumerable<string> select, string? query = null) =>
        $"/odata/{set}?$select={string.Join(",", select)}{(query is null ? "" : "&" + query)}";

    /// <summary>The M of a model table's partition.</summary>
    public static IReadOnlyList<string> Table(ModelTable table)
    {
        var source = Source(Path(table.Name, table.Columns.Select(c => c.Name)));
        if (table.RefreshDate is not { } key)
        {
            return ["let", $"    Source = {source}", "in", "    Source"];
        }

        return
        [
            "let",
            $"    Source = {source},",
            $"    #\"In refresh range\" = Table.SelectRows(Source, each [{key}] >= {DateKeyFunction}(RangeStart) and [{key}] < {DateKeyFunction}(RangeEnd))",
            "in",
            "    #\"In refresh range\"",
        ];
    }

    /// <summary>A query for Excel or for pasting into Power Query: the same call on a path of the feed, with the service's address given.</summary>
    public static IReadOnlyList<string> Standalone(string path) =>
    [
        "let",
        $"    {UrlParameter} = \"{DefaultUrl}\",",
        $"    Source = {Source(path)}",
        "in",
        "    Source",
    ];

    private static string Source(string path) => $"OData.Feed({UrlParameter} & \"{path}\", null, {Options})";
}

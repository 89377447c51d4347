namespace Observatory.Tests.Templates;

/// <summary>
/// The Power Query standard library names the templates may use (learn.microsoft.com, "Power Query M function
/// reference"). Deliberately short: a name outside it is more likely a misspelling or a query the templates forgot
/// to define than a new need, and a new need is one line here.
/// </summary>
public static class PowerQueryLibrary
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        // The feed and its options.
        "OData.Feed",
        "ODataOmitValues.Nulls",

        // Aggregations ($apply), which OData.Feed cannot ask for: the feed's JSON read directly.
        "Web.Contents",
        "Json.Document",
        "Table.FromRecords",
        "Table.ExpandRecordColumn",
        "Record.HasFields",

        // Shaping what the feed returns.
        "Table.SelectRows",
        "Table.SelectColumns",
        "Table.TransformColumnTypes",
        "Table.RenameColumns",

        // Date keys (yyyymmdd integers) from the incremental refresh parameters RangeStart and RangeEnd.
        "Date.Year",
        "Date.Month",
        "Date.Day",
        "Date.From",
        "DateTime.Date",
        "DateTime.From",
        "Number.From",
        "Number.ToText",
        "Text.From",
        "Date.ToText",
        "DateTime.ToText",

        // Type values (the primitive types, type text etc., are keywords, not names).
        "Int64.Type",
        "Int32.Type",
        "Number.Type",
        "Text.Type",
        "Date.Type",
        "DateTime.Type",
        "Logical.Type",
        "Percentage.Type",
        "Currency.Type",

        // Intrinsic constructors: the parser reports #date(...) as a call of the name #date.
        "#date",
        "#datetime",
        "#datetimezone",
        "#duration",
        "#time",
    };
}

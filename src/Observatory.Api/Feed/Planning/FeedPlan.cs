using Observatory.Api.Feed.Parsing;
using Observatory.Query.Results;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Planning;

/// <summary>How the next page continues from where this one ended.</summary>
public enum Paging
{
    /// <summary>The result is complete (CSV, a single row, $top reached).</summary>
    None,

    /// <summary>After the last key written ($skiptoken): every page costs the same however deep it is.</summary>
    Key,

    /// <summary>After as many rows as were written ($skip): for results ordered otherwise than by key.</summary>
    Offset,
}

/// <summary>A request made ready to run: its SQL, how to present the rows, and how to continue.</summary>
/// <param name="Request">The parsed request.</param>
/// <param name="Rows">The rows' statement (one row more than <paramref name="Limit"/>, to know a next page exists).</param>
/// <param name="Count">The statement counting every matching row, when $count=true (or for /$count).</param>
/// <param name="Shape">The columns, in SQL order, and their nesting.</param>
/// <param name="ContextUrl">The @odata.context of the response.</param>
/// <param name="Limit">Rows to write before the page ends; null for all.</param>
/// <param name="Paging">How a next page continues.</param>
/// <param name="Skip">Rows skipped before this page ($skip), for offset paging.</param>
public sealed record FeedPlan(
    FeedRequest Request,
    SqlStatement? Rows,
    SqlStatement? Count,
    ResultShape? Shape,
    string ContextUrl,
    long? Limit,
    Paging Paging,
    long Skip)
{
    /// <summary>The summary cube that answers a $apply, named in the <c>Observatory-Answered-From</c> header; null when the facts do.</summary>
    public string? AnsweredFrom { get; init; }
}

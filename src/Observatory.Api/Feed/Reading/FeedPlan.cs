namespace Observatory.Api.Feed.Reading;

/// <summary>A query ready to run and how to present its rows.</summary>
/// <param name="Query">The rows as <c>object[]</c>, translated by EF Core into one SQL statement.</param>
/// <param name="Shape">The columns, in SQL order, and their nesting.</param>
/// <param name="ContextUrl">The @odata.context of the response.</param>
/// <param name="Count">@odata.count, when $count=true.</param>
/// <param name="Limit">Rows to write before the page ends (one more is fetched to know a next page exists).</param>
/// <param name="KeyColumn">The column holding the row key, for key-set next links.</param>
/// <param name="NextLink">The next page's URL given what this page wrote.</param>
public sealed record FeedPlan(
    IQueryable Query,
    ResultShape Shape,
    string ContextUrl,
    long? Count,
    long? Limit,
    int? KeyColumn,
    Func<SqlRunner.Outcome, string?> NextLink)
{
    /// <summary>Values to write as the only row when the query returns none (a bare aggregate of an empty set).</summary>
    public object?[]? EmptyRow { get; init; }
}

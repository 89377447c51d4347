namespace Observatory.Warehouse.Providers;

/// <summary>
/// The database refused to evaluate a query for a reason that lies in the query's values (a number out of range,
/// say): a fault of the request, described without the SQL.
/// </summary>
public sealed class QueryRejectedException : Exception
{
    public QueryRejectedException(string message, Exception inner) : base(message, inner)
    {
    }

    public QueryRejectedException() : base("The database could not evaluate this query.")
    {
    }

    public QueryRejectedException(string message) : base(message)
    {
    }
}

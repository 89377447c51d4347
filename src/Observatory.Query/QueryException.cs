namespace Observatory.Query;

/// <summary>A query the feed cannot answer as written; the message says what to change, never how the server works.</summary>
public sealed class QueryException : Exception
{
    public QueryException(QueryFault fault, string message) : base(message) => Fault = fault;

    public QueryException() : this(QueryFault.Invalid, "The query is not valid.")
    {
    }

    public QueryException(string message) : this(QueryFault.Invalid, message)
    {
    }

    public QueryException(string message, Exception inner) : base(message, inner) => Fault = QueryFault.Invalid;

    public QueryFault Fault { get; }

    public static QueryException NotSupported(string message) => new(QueryFault.NotImplemented, message);

    public static QueryException Invalid(string message) => new(QueryFault.Invalid, message);

    public static QueryException Forbidden(string message) => new(QueryFault.Forbidden, message);
}

public enum QueryFault
{
    /// <summary>The query is wrong (400).</summary>
    Invalid,

    /// <summary>The query is valid OData that this feed does not implement (501).</summary>
    NotImplemented,

    /// <summary>The query is valid, but asks for more than the caller's disclosure level releases (403).</summary>
    Forbidden,
}

namespace Observatory.Warehouse.Providers;

/// <summary>
/// The warehouse could not answer: it is missing, busy, damaged or its server cannot be reached. Not the fault of
/// the query: answered 503 with Retry-After, and gone by itself once the cause is.
/// </summary>
public sealed class WarehouseUnavailableException : Exception
{
    public WarehouseUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null) : base(message, inner) =>
        RetryAfter = retryAfter;

    public WarehouseUnavailableException() : this("The warehouse cannot be read.", TimeSpan.FromSeconds(30))
    {
    }

    public WarehouseUnavailableException(string message) : this(message, TimeSpan.FromSeconds(30))
    {
    }

    public WarehouseUnavailableException(string message, Exception inner) : this(message, TimeSpan.FromSeconds(30), inner)
    {
    }

    /// <summary>How long a client should wait before asking again.</summary>
    public TimeSpan RetryAfter { get; }
}

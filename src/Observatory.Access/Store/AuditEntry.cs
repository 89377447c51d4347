namespace Observatory.Access.Store;

/// <summary>One answered request. The table is append-only: the database refuses to change or delete a row.</summary>
public sealed class AuditEntry
{
    public long AuditEntryId { get; set; }

    /// <summary>When the request arrived (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>Who asked: <c>user:{object id}</c>, <c>key:{name}</c>, <c>demo</c> or <c>anonymous</c>.</summary>
    public string Identity { get; set; } = "";

    public string? Role { get; set; }

    public string? Scope { get; set; }

    public string Method { get; set; } = "";

    public string Path { get; set; } = "";

    /// <summary>The query string as sent, with every secret removed.</summary>
    public string Query { get; set; } = "";

    public int Status { get; set; }

    /// <summary>Rows the response carried, where the answer was rows.</summary>
    public long? Rows { get; set; }

    public double DurationMs { get; set; }
}

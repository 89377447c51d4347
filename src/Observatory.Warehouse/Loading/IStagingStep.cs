namespace Observatory.Warehouse.Loading;

/// <summary>
/// Work done on a complete, indexed staging warehouse before it is published, such as the values derived from its
/// facts: a failure abandons the load like any other, so a published warehouse always holds them.
/// </summary>
public interface IStagingStep
{
    /// <summary>The stage shown while the step runs.</summary>
    string Stage { get; }

    /// <param name="staging">Where the staging warehouse is (open a context on it with WarehouseContextFactory).</param>
    Task RunAsync(WarehouseOptions staging, CancellationToken cancellationToken);
}

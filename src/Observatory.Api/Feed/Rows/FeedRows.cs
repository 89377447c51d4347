using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Feed.Rows;

/// <summary>The one place the feed's queries start: a warehouse set with the caller's row policy applied.</summary>
public sealed class FeedRows(WarehouseContext warehouse, IRowPolicy policy)
{
    public WarehouseContext Warehouse => warehouse;

    /// <param name="caller">The request asking (in a $batch, the part, which carries the caller of the batch).</param>
    public IQueryable<T> Query<T>(HttpContext caller) where T : class => policy.Apply(warehouse.Set<T>().AsQueryable(), caller);
}

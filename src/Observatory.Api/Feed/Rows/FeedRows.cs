using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Feed.Rows;

/// <summary>The one place the feed's queries start: a warehouse set with the caller's row policy applied.</summary>
public sealed class FeedRows(WarehouseContext warehouse, IRowPolicy policy, IHttpContextAccessor accessor)
{
    public WarehouseContext Warehouse => warehouse;

    public IQueryable<T> Query<T>() where T : class =>
        policy.Apply(warehouse.Set<T>().AsQueryable(), accessor.HttpContext ?? throw new InvalidOperationException("No request."));
}

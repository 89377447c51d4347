using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Observatory.Api.Feed.Rows;

namespace Observatory.Api.Feed;

/// <summary>
/// Serves one warehouse table as an OData entity set; one closed instance exists per set (see
/// <see cref="WarehouseSetControllers"/>). Plain reads (filter, select, dimension expands, order, paging) and
/// $apply are answered by the feed's own reader (<see cref="FeedReader"/>) before these actions run; anything
/// else is answered here by the OData library. Either way every query starts from <see cref="FeedRows"/>.
/// </summary>
public sealed class WarehouseSetController<TEntity>(FeedRows rows) : ODataController
    where TEntity : class
{
    [FeedQuery]
    public IQueryable<TEntity> Get() => rows.Query<TEntity>(HttpContext);

    [FeedQuery]
    public ActionResult<SingleResult<TEntity>> Get(long key)
    {
        var keyProperty = rows.Warehouse.Model.FindEntityType(typeof(TEntity))!.FindPrimaryKey()!.Properties[0];
        object value;
        try
        {
            value = Convert.ChangeType(key, keyProperty.ClrType, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            return NotFound();
        }

        var row = Expression.Parameter(typeof(TEntity), "row");
        var matches = Expression.Lambda<Func<TEntity, bool>>(
            Expression.Equal(Expression.Property(row, keyProperty.PropertyInfo!), Expression.Constant(value, keyProperty.ClrType)), row);
        return SingleResult.Create(rows.Query<TEntity>(HttpContext).Where(matches));
    }
}

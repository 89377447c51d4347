using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Feed;

/// <summary>
/// Serves one warehouse table as an OData entity set; one closed instance exists per set (see
/// <see cref="WarehouseSetControllers"/>). Queries are composed on the EF Core <see cref="IQueryable{T}"/>
/// so filters, grouping and paging run as SQL in the database. This is also the one place where a
/// per-caller row filter will apply to every set.
/// </summary>
public sealed class WarehouseSetController<TEntity>(WarehouseContext warehouse) : ODataController
    where TEntity : class
{
    [FeedQuery]
    public IQueryable<TEntity> Get() => warehouse.Set<TEntity>();

    [FeedQuery]
    public ActionResult<SingleResult<TEntity>> Get(long key)
    {
        var keyProperty = warehouse.Model.FindEntityType(typeof(TEntity))!.FindPrimaryKey()!.Properties[0];
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
        return SingleResult.Create(warehouse.Set<TEntity>().Where(matches));
    }
}

using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace Observatory.Api.Feed;

/// <summary>
/// Adds a <see cref="WarehouseSetController{TEntity}"/> for every entity set and names each after its set, so the
/// OData routing conventions map <c>/odata/{Set}</c> and <c>/odata/{Set}({key})</c> to it.
/// </summary>
internal sealed class WarehouseSetControllers : IApplicationFeatureProvider<ControllerFeature>, IApplicationModelProvider
{
    // After MVC builds the controller models (-1000), before OData reads controller names (its work runs in
    // OnProvidersExecuted, which is called in reverse order of this number).
    public int Order => 200;

    public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature)
    {
        foreach (var entity in FeedModel.EntitySets.Keys)
        {
            feature.Controllers.Add(typeof(WarehouseSetController<>).MakeGenericType(entity).GetTypeInfo());
        }
    }

    public void OnProvidersExecuting(ApplicationModelProviderContext context)
    {
        foreach (var controller in context.Result.Controllers)
        {
            if (controller.ControllerType.IsGenericType &&
                controller.ControllerType.GetGenericTypeDefinition() == typeof(WarehouseSetController<>))
            {
                controller.ControllerName = FeedModel.EntitySets[controller.ControllerType.GetGenericArguments()[0]];
            }
        }
    }

    public void OnProvidersExecuted(ApplicationModelProviderContext context)
    {
    }
}

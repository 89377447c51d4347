using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Feed;

/// <summary>
/// The OData model: one entity set per warehouse table, named as the context's sets, with keys, navigations
/// from facts to dimensions and their referential constraints, all read from the warehouse model's types.
/// </summary>
public static class FeedModel
{
    public const string Namespace = "Observatory";
    public const string RoutePrefix = "odata";


    /// <summary>Entity set name for each CLR type, from the <see cref="WarehouseContext"/> set properties.</summary>
    public static IReadOnlyDictionary<Type, string> EntitySets { get; } = typeof(WarehouseContext)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
        .ToDictionary(p => p.PropertyType.GetGenericArguments()[0], p => p.Name);

    /// <param name="pageSize">The server page size, stated in the model's annotations.</param>
    /// <summary>
    /// A dimension attribute is never null in its own table, but grouping facts by it through an optional
    /// navigation (a referral not yet ended has no EndDate) yields null groups: declared non-nullable, those
    /// would break the response half-way. Every non-key attribute of a dimension is therefore nullable.
    /// </summary>
    private static void AllowNullsThroughOptionalNavigations(ODataConventionModelBuilder builder)
    {
        foreach (var type in builder.StructuralTypes.OfType<EntityTypeConfiguration>()
                     .Where(t => !WarehouseTables.Facts.Contains(t.ClrType) && !WarehouseTables.Summaries.Contains(t.ClrType)
                         && !WarehouseTables.Indicators.Contains(t.ClrType)))
        {
            var keys = type.Keys.Select(k => k.Name).ToHashSet();
            foreach (var property in type.Properties.OfType<PrimitivePropertyConfiguration>().Where(p => !keys.Contains(p.Name)))
            {
                property.NullableProperty = true;
            }
        }
    }

    public static IEdmModel Build(int pageSize)
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Warehouse" };
        builder.OnModelCreating = AllowNullsThroughOptionalNavigations;
        foreach (var (type, name) in EntitySets)
        {
            var entityType = builder.AddEntityType(type);
            entityType.Namespace = Namespace;
            builder.AddEntitySet(name, entityType);
        }

        var model = (EdmModel)builder.GetEdmModel();
        FeedAnnotations.Apply(model, EntitySets, pageSize);
        return model;
    }
}

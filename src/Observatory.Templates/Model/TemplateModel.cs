using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;
using Observatory.Indicators.Catalogue;
using Observatory.Templates.Dax;

namespace Observatory.Templates.Model;

/// <summary>
/// The semantic model of the Power BI template, planned from the feed's model and the indicator catalogue: the fact
/// sets the catalogue counts (and the census population its rates divide by), every dimension they lead to, and
/// the published sets (catalogue, indicator values, loads). Each table imports only the columns the model needs:
/// a dimension whole, a fact its dimension keys and the columns the measures read.
/// </summary>
public sealed class TemplateModel
{
    public const string DatesTable = "Dates";
    public const string PopulationTable = "Population";

    /// <summary>The sets published as they are, beside the star.</summary>
    public static readonly IReadOnlyList<string> PublishedSets = ["Indicators", "IndicatorValues", "WarehouseLoads"];

    private TemplateModel(IReadOnlyList<ModelTable> tables, IReadOnlyList<ModelRelationship> relationships, IndicatorMeasures measures, IReadOnlyList<ModelRole> roles)
    {
        Tables = tables;
        Relationships = relationships;
        Measures = measures;
        Roles = roles;
    }

    public IReadOnlyList<ModelTable> Tables { get; }
    public IReadOnlyList<ModelRelationship> Relationships { get; }
    public IndicatorMeasures Measures { get; }
    public IReadOnlyList<ModelRole> Roles { get; }

    public ModelTable this[string name] => Tables.Single(t => t.Name == name);

    public static TemplateModel Build(IEdmModel edm, IndicatorCatalogue catalogue, Warehouse.Reference.ReferenceData reference)
    {
        var measures = new IndicatorMeasures(edm, catalogue);
        var factSets = catalogue.Indicators.Select(i => i.Facts).Append(PopulationTable).Distinct().Select(name => Set(edm, name)).ToList();
        var dimensions = new List<IEdmEntitySet>();
        var relationships = new List<ModelRelationship>();
        foreach (var facts in factSets)
        {
            foreach (var navigation in Navigations(facts).Where(n => !factSets.Contains(n.Target)))
            {
                var dateRole = navigation.Target.Name == DatesTable;
                var active = !dateRole || measures.UsualDates.GetValueOrDefault(facts.Name) == navigation.Property.Name;
                relationships.Add(new(facts.Name, navigation.Key, navigation.Target.Name, navigation.PrincipalKey, active));
                AddDimension(navigation.Target);
            }
        }

        var tables = new List<ModelTable>();
        tables.AddRange(dimensions.Select(d => Dimension(edm, d, relationships)));
        tables.AddRange(factSets.Select(f => Fact(edm, f, measures, catalogue, relationships)));
        foreach (var name in PublishedSets)
        {
            var set = Set(edm, name);
            tables.Add(new ModelTable(name, TableKind.Published, [.. Properties(set).Where(p => !IsRowId(set, p)).Select(p => Column(edm, p, hidden: false))], DescriptionOf(edm, set)));
            relationships.AddRange(Navigations(set).Where(n => PublishedSets.Contains(n.Target.Name)).Select(n => new ModelRelationship(name, n.Key, n.Target.Name, n.PrincipalKey, true)));
        }

        return new TemplateModel(tables, relationships, measures, TemplateRoles.For(reference, catalogue, tables));

        void AddDimension(IEdmEntitySet dimension)
        {
            if (dimensions.Contains(dimension))
            {
                return;
            }

            dimensions.Add(dimension);
            // A dimension of a dimension (a service's provider) filters the facts through it.
            foreach (var navigation in Navigations(dimension))
            {
                relationships.Add(new(dimension.Name, navigation.Key, navigation.Target.Name, navigation.PrincipalKey, true));
                AddDimension(navigation.Target);
            }
        }
    }

    /// <summary>The model's columns of a table, in the feed's order (what the feed query selects).</summary>
    public static IEnumerable<IEdmStructuralProperty> Properties(IEdmEntitySet set) => set.EntityType.StructuralProperties();

    private static ModelTable Dimension(IEdmModel edm, IEdmEntitySet set, List<ModelRelationship> relationships)
    {
        // Keys join tables and orders sort names; neither is for a reader to pick.
        var hidden = set.EntityType.Key().Select(k => k.Name).Append("SortOrder")
            .Concat(relationships.Where(r => r.FromTable == set.Name).Select(r => r.FromColumn)).ToHashSet(StringComparer.Ordinal);
        var columns = Properties(set).Select(p => Column(edm, p, hidden: hidden.Contains(p.Name)) with
        {
            // Names sort as the dimension orders them (one order per name), and the month's name by its number.
            SortBy = p.Name switch
            {
                "Name" when set.EntityType.FindProperty("SortOrder") is not null => "SortOrder",
                "MonthName" => "Month",
                _ => null,
            },
            IsKey = set.Name == DatesTable && p.Name == "Date",
        });
        return new ModelTable(set.Name, TableKind.Dimension, [.. columns], DescriptionOf(edm, set));
    }

    private static ModelTable Fact(IEdmModel edm, IEdmEntitySet set, IndicatorMeasures measures, IndicatorCatalogue catalogue, List<ModelRelationship> relationships)
    {
        var keys = relationships.Where(r => r.FromTable == set.Name).Select(r => r.FromColumn).ToHashSet(StringComparer.Ordinal);
        var read = measures.ColumnsRead(set.Name);
        var columns = Properties(set).Where(p => keys.Contains(p.Name) || read.Contains(p.Name))
            .Select(p => Column(edm, p, hidden: keys.Contains(p.Name)));
        // Partitioned by its active date, when every row has one: a row without would fall in no partition and be lost.
        var refreshDate = relationships.FirstOrDefault(r => r.FromTable == set.Name && r.ToTable == DatesTable && r.IsActive)?.FromColumn is { } key
            && set.EntityType.FindProperty(key)?.Type.IsNullable == false ? key : null;
        // Refreshed by the finest period its indicators are published for: a month for monthly figures, a year for yearly ones.
        var monthly = catalogue.Indicators.Any(i => i.Facts == set.Name && i.Periods.Contains(PeriodType.Month));
        return new ModelTable(set.Name, TableKind.Fact, [.. columns], DescriptionOf(edm, set), refreshDate, refreshDate is null ? null : monthly ? "month" : "year");
    }

    private static ModelColumn Column(IEdmModel edm, IEdmStructuralProperty property, bool hidden) =>
        new(property.Name, DataType(property.Type), hidden, DescriptionOf(edm, property));

    private static bool IsRowId(IEdmEntitySet set, IEdmStructuralProperty property) =>
        set.EntityType.Key().Contains(property) && property.Type.IsInt64();

    /// <summary>The TMDL data type Power Query gives a feed property of this type.</summary>
    public static string DataType(IEdmTypeReference type) => type.PrimitiveKind() switch
    {
        EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Int16 or EdmPrimitiveTypeKind.Byte => "int64",
        EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single => "double",
        EdmPrimitiveTypeKind.Decimal => "decimal",
        EdmPrimitiveTypeKind.Boolean => "boolean",
        EdmPrimitiveTypeKind.String => "string",
        EdmPrimitiveTypeKind.Date or EdmPrimitiveTypeKind.DateTimeOffset => "dateTime",
        var kind => throw new TemplateException($"No Power BI data type for the feed's {kind}."),
    };

    private static IEdmEntitySet Set(IEdmModel edm, string name) =>
        edm.EntityContainer.FindEntitySet(name) ?? throw new TemplateException($"The feed has no set {name}.");

    private static IEnumerable<(IEdmNavigationProperty Property, string Key, IEdmEntitySet Target, string PrincipalKey)> Navigations(IEdmEntitySet set) =>
        set.EntityType.NavigationProperties()
            .Where(n => n.DependentProperties()?.Count() == 1)
            .Select(n => (n, n.DependentProperties().Single().Name, (IEdmEntitySet)set.FindNavigationTarget(n), n.PrincipalProperties().Single().Name));

    /// <summary>The feed's description of a set or property (its Core.Description).</summary>
    public static string DescriptionOf(IEdmModel edm, IEdmVocabularyAnnotatable target) =>
        edm.FindVocabularyAnnotations<IEdmVocabularyAnnotation>(target, CoreVocabularyModel.DescriptionTerm)
            .Select(a => (a.Value as IEdmStringConstantExpression)?.Value).FirstOrDefault(v => v is not null) ?? "";
}

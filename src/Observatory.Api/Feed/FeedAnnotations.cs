using System.ComponentModel;
using System.ComponentModel.DataAnnotations.Schema;
using System.Reflection;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;

namespace Observatory.Api.Feed;

/// <summary>
/// The annotations that make $metadata a truthful manual: a Core.Description on every set, type and property
/// (from the warehouse model's [Description] texts, so Power BI's field list explains each column) and
/// capability annotations that say what the feed supports and what it refuses.
/// </summary>
internal static class FeedAnnotations
{
    public const string AggregationNamespace = "Org.OData.Aggregation.V1";
    private static readonly string AggregationUri = VocabularyUri(AggregationNamespace);

    /// <summary>Filter functions that translate to SQL on both providers.</summary>
    public static readonly string[] FilterFunctions =
    [
        "contains", "startswith", "endswith", "length", "indexof", "substring", "tolower", "toupper", "trim", "concat",
        "year", "month", "day", "round", "floor", "ceiling",
    ];

    public static readonly string[] ApplyTransformations = ["aggregate", "groupby", "filter", "compute", "orderby", "top", "skip"];

    public static void Apply(EdmModel model, IReadOnlyDictionary<Type, string> entitySets, int pageSize)
    {
        var container = (EdmEntityContainer)model.EntityContainer;
        Describe(model, container,
            "Observatory: mental health activity in City and Hackney as a star schema. The data are synthetic " +
            $"unless WarehouseLoads says otherwise. Pages hold up to {pageSize} rows; follow @odata.nextLink.");
        var capabilities = CapabilitiesVocabularyModel.Instance;
        Annotate(model, container, Term(capabilities, "SupportedFormats"), new EdmCollectionExpression(
            new EdmStringConstant("application/json;odata.metadata=minimal"), new EdmStringConstant("text/csv")));
        Annotate(model, container, Term(capabilities, "BatchSupported"), new EdmBooleanConstant(true));
        Annotate(model, container, Term(capabilities, "BatchSupport"), Record(
            ("Supported", new EdmBooleanConstant(true)),
            ("ContinueOnErrorSupported", new EdmBooleanConstant(false)),
            ("SupportedFormats", new EdmCollectionExpression(new EdmStringConstant("multipart/mixed"), new EdmStringConstant("application/json")))));
        Annotate(model, container, Term(capabilities, "QuerySegmentSupported"), new EdmBooleanConstant(true));
        Annotate(model, container, Term(capabilities, "KeyAsSegmentSupported"), new EdmBooleanConstant(false));
        Annotate(model, container, PageSizeTerm(model), new EdmIntegerConstant(pageSize));
        var applySupported = ApplySupportedTerm(model);

        foreach (var (type, name) in entitySets)
        {
            var set = container.FindEntitySet(name);
            var entityType = set.EntityType;
            var description = Description(type) ?? throw MissingDescription(type.Name);
            Describe(model, set, description);
            Describe(model, entityType, description);
            DescribeProperties(model, type, entityType, entitySets);
            AnnotateCapabilities(model, set, applySupported);
        }
    }

    private static void DescribeProperties(EdmModel model, Type type, IEdmEntityType entityType, IReadOnlyDictionary<Type, string> entitySets)
    {
        var navigations = type.GetProperties()
            .Select(p => (Property: p, ForeignKey: p.GetCustomAttribute<ForeignKeyAttribute>()?.Name))
            .Where(p => p.ForeignKey is not null)
            .ToDictionary(p => p.ForeignKey!, p => p.Property);

        foreach (var property in entityType.DeclaredProperties)
        {
            var clr = type.GetProperty(property.Name)!;
            var description = Description(clr) ?? property switch
            {
                IEdmNavigationProperty navigation =>
                    $"The {entitySets[clr.PropertyType]} row for {navigation.DependentProperties()?.FirstOrDefault()?.Name}: {Description(clr.PropertyType)}",
                _ when navigations.TryGetValue(property.Name, out var navigation) =>
                    $"Key of the {entitySets[navigation.PropertyType]} row (navigate with {navigation.Name}).",
                _ => throw MissingDescription($"{type.Name}.{property.Name}"),
            };
            Describe(model, property, description);
        }
    }

    private static void AnnotateCapabilities(EdmModel model, IEdmEntitySet set, IEdmTerm applySupported)
    {
        var capabilities = CapabilitiesVocabularyModel.Instance;
        Annotate(model, set, Term(capabilities, "TopSupported"), new EdmBooleanConstant(true));
        Annotate(model, set, Term(capabilities, "SkipSupported"), new EdmBooleanConstant(true));
        Annotate(model, set, Term(capabilities, "ComputeSupported"), new EdmBooleanConstant(true));
        Annotate(model, set, Term(capabilities, "FilterFunctions"),
            new EdmCollectionExpression(FilterFunctions.Select(f => new EdmStringConstant(f))));
        Annotate(model, set, Term(capabilities, "CountRestrictions"),
            Record(("Countable", new EdmBooleanConstant(true))));
        Annotate(model, set, Term(capabilities, "SearchRestrictions"),
            Record(("Searchable", new EdmBooleanConstant(false))));
        // A read-only feed: nothing can be inserted, changed or deleted through it.
        Annotate(model, set, Term(capabilities, "InsertRestrictions"),
            Record(("Insertable", new EdmBooleanConstant(false))));
        Annotate(model, set, Term(capabilities, "UpdateRestrictions"),
            Record(("Updatable", new EdmBooleanConstant(false))));
        Annotate(model, set, Term(capabilities, "DeleteRestrictions"),
            Record(("Deletable", new EdmBooleanConstant(false))));
        Annotate(model, set, applySupported, new EdmRecordExpression(
            new EdmPropertyConstructor("Transformations",
                new EdmCollectionExpression(ApplyTransformations.Select(t => new EdmStringConstant(t)))),
            new EdmPropertyConstructor("Rollup", new EdmEnumMemberExpression(RollupNone(model)))));
    }

    private static string? Description(MemberInfo member) => member.GetCustomAttribute<DescriptionAttribute>()?.Description;

    private static InvalidOperationException MissingDescription(string what) =>
        new($"{what} has no [Description]: every set and property of the feed must explain itself.");

    private static void Describe(EdmModel model, IEdmVocabularyAnnotatable target, string text) =>
        Annotate(model, target, CoreVocabularyModel.DescriptionTerm, new EdmStringConstant(text));

    private static void Annotate(EdmModel model, IEdmVocabularyAnnotatable target, IEdmTerm term, IEdmExpression value)
    {
        var annotation = new EdmVocabularyAnnotation(target, term, value);
        annotation.SetSerializationLocation(model, EdmVocabularyAnnotationSerializationLocation.Inline);
        model.SetVocabularyAnnotation(annotation);
    }

    private static IEdmTerm Term(IEdmModel vocabulary, string name) =>
        vocabulary.FindDeclaredTerm($"Org.OData.Capabilities.V1.{name}")
        ?? throw new InvalidOperationException($"Capabilities vocabulary has no term {name}.");

    // Untyped records: the term gives the type, and properties left out take the vocabulary's defaults.
    private static EdmRecordExpression Record(params (string Name, IEdmExpression Value)[] properties) =>
        new(properties.Select(p => new EdmPropertyConstructor(p.Name, p.Value)));

    /// <summary>The feed's own term for its server page size: no standard vocabulary has one.</summary>
    private static EdmTerm PageSizeTerm(EdmModel model)
    {
        var term = new EdmTerm(FeedModel.Namespace, "PageSize", EdmPrimitiveTypeKind.Int32, "EntityContainer");
        model.AddElement(term);
        Describe(model, term, "Largest number of rows in one page of results; clients may ask for fewer with Prefer: odata.maxpagesize.");
        return term;
    }

    // The Aggregation vocabulary is not built into the OData library: declare the parts used and reference it.
    private static EdmTerm ApplySupportedTerm(EdmModel model)
    {
        var rollup = new EdmEnumType(AggregationNamespace, "RollupType");
        rollup.AddMember("None", new EdmEnumMemberValue(0));
        rollup.AddMember("SingleHierarchy", new EdmEnumMemberValue(1));
        rollup.AddMember("MultipleHierarchies", new EdmEnumMemberValue(2));
        var record = new EdmComplexType(AggregationNamespace, "ApplySupportedType");
        record.AddStructuralProperty("Transformations", EdmCoreModel.GetCollection(EdmCoreModel.Instance.GetString(false)));
        record.AddStructuralProperty("Rollup", new EdmEnumTypeReference(rollup, false));
        var term = new EdmTerm(AggregationNamespace, "ApplySupported", new EdmComplexTypeReference(record, true), "EntitySet EntityContainer");

        var vocabulary = new EdmModel();
        vocabulary.AddElements([rollup, record, term]);
        model.AddReferencedModel(vocabulary);
        model.SetEdmReferences([.. model.GetEdmReferences() ?? [],
            Reference(AggregationUri, "Aggregation", AggregationNamespace),
            Reference(VocabularyUri("Org.OData.Core.V1"), "Core", "Org.OData.Core.V1"),
            Reference(VocabularyUri("Org.OData.Capabilities.V1"), "Capabilities", "Org.OData.Capabilities.V1")]);
        return term;
    }

    private static string VocabularyUri(string ns) => $"https://oasis-tcs.github.io/odata-vocabularies/vocabularies/{ns}.xml";

    private static EdmReference Reference(string uri, string alias, string ns)
    {
        var reference = new EdmReference(new Uri(uri));
        reference.AddInclude(new EdmInclude(alias, ns));
        return reference;
    }

    private static IEdmEnumMember RollupNone(IEdmModel model) =>
        model.FindType($"{AggregationNamespace}.RollupType") is IEdmEnumType rollup
            ? rollup.Members.Single(m => m.Name == "None")
            : throw new InvalidOperationException("The Aggregation vocabulary was not declared.");
}

using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;
using Observatory.Api.Feed.Limits;
using Observatory.Query.Model;
using Observatory.Query;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Feed.Metadata;

/// <summary>
/// The warehouse's model as the feed publishes it: <see cref="WarehouseEdm"/> with capability annotations that say
/// what the feed supports and what it refuses, taken from the same lists and limits the feed applies.
/// </summary>
public static class FeedCapabilities
{
    public const string AggregationNamespace = "Org.OData.Aggregation.V1";

    public static readonly string[] Formats = ["application/json;odata.metadata=minimal", "application/json;odata.metadata=full", "application/json;odata.metadata=none", "text/csv"];

    /// <param name="limits">The feed's limits, which the annotations state.</param>
    /// <param name="includeSet">Which sets to publish; every one when null (the model requests are parsed against).</param>
    public static IEdmModel Build(FeedLimits limits, Func<string, bool>? includeSet = null)
    {
        var model = (EdmModel)WarehouseEdm.Build(WarehouseContextFactory.Model, includeSet);
        var container = (EdmEntityContainer)model.EntityContainer;
        var capabilities = CapabilitiesVocabularyModel.Instance;
        Annotate(model, container, CoreVocabularyModel.DescriptionTerm, new EdmStringConstant(
            "Observatory: mental health activity in City and Hackney as a star schema. The data are synthetic " +
            $"unless WarehouseLoads says otherwise. Pages hold up to {limits.PageSize} rows; follow @odata.nextLink."));
        Annotate(model, container, Term(capabilities, "SupportedFormats"), Strings(Formats));
        Annotate(model, container, Term(capabilities, "BatchSupported"), new EdmBooleanConstant(true));
        Annotate(model, container, Term(capabilities, "BatchSupport"), Record(
            ("Supported", new EdmBooleanConstant(true)),
            ("ContinueOnErrorSupported", new EdmBooleanConstant(false)),
            ("SupportedFormats", Strings(["multipart/mixed", "application/json"]))));
        Annotate(model, container, Term(capabilities, "QuerySegmentSupported"), new EdmBooleanConstant(true));
        Annotate(model, container, Term(capabilities, "KeyAsSegmentSupported"), new EdmBooleanConstant(false));
        Annotate(model, container, PageSizeTerm(model), new EdmIntegerConstant(limits.PageSize));
        var applySupported = ApplySupportedTerm(model);

        foreach (var set in container.EntitySets())
        {
            Annotate(model, set, Term(capabilities, "IndexableByKey"), new EdmBooleanConstant(true));
            Annotate(model, set, Term(capabilities, "TopSupported"), new EdmBooleanConstant(true));
            Annotate(model, set, Term(capabilities, "SkipSupported"), new EdmBooleanConstant(true));
            Annotate(model, set, Term(capabilities, "ComputeSupported"), new EdmBooleanConstant(true));
            Annotate(model, set, Term(capabilities, "FilterFunctions"), Strings(SupportedQueries.Functions));
            Annotate(model, set, Term(capabilities, "CountRestrictions"), Record(("Countable", new EdmBooleanConstant(true))));
            Annotate(model, set, Term(capabilities, "SearchRestrictions"), Record(("Searchable", new EdmBooleanConstant(false))));
            Annotate(model, set, Term(capabilities, "ExpandRestrictions"), Record(
                ("Expandable", new EdmBooleanConstant(true)), ("MaxLevels", new EdmIntegerConstant(limits.MaxExpansionDepth))));
            // Set(key)/Navigation, followed as far as the navigations go, and Set(key)/Property and its $value.
            Annotate(model, set, Term(capabilities, "NavigationRestrictions"), Record(
                ("Navigability", new EdmEnumMemberExpression(NavigationType(capabilities, "Recursive")))));
            // A read-only feed: nothing can be inserted, changed or deleted through it.
            Annotate(model, set, Term(capabilities, "InsertRestrictions"), Record(("Insertable", new EdmBooleanConstant(false))));
            Annotate(model, set, Term(capabilities, "UpdateRestrictions"), Record(("Updatable", new EdmBooleanConstant(false))));
            Annotate(model, set, Term(capabilities, "DeleteRestrictions"), Record(("Deletable", new EdmBooleanConstant(false))));
            Annotate(model, set, applySupported, new EdmRecordExpression(
                new EdmPropertyConstructor("Transformations", Strings(SupportedQueries.Transformations)),
                new EdmPropertyConstructor("Rollup", new EdmEnumMemberExpression(RollupNone(model)))));
        }

        return model;
    }

    private static EdmCollectionExpression Strings(IEnumerable<string> values) => new(values.Select(v => new EdmStringConstant(v)));

    private static void Annotate(EdmModel model, IEdmVocabularyAnnotatable target, IEdmTerm term, IEdmExpression value)
    {
        var annotation = new EdmVocabularyAnnotation(target, term, value);
        annotation.SetSerializationLocation(model, EdmVocabularyAnnotationSerializationLocation.Inline);
        model.SetVocabularyAnnotation(annotation);
    }

    private static IEdmTerm Term(IEdmModel vocabulary, string name) =>
        vocabulary.FindDeclaredTerm($"Org.OData.Capabilities.V1.{name}")
        ?? throw new InvalidOperationException($"Capabilities vocabulary has no term {name}.");

    private static IEdmEnumMember NavigationType(IEdmModel vocabulary, string member) =>
        ((IEdmEnumType)vocabulary.FindDeclaredType("Org.OData.Capabilities.V1.NavigationType")!).Members.Single(m => m.Name == member);

    // Untyped records: the term gives the type, and properties left out take the vocabulary's defaults.
    private static EdmRecordExpression Record(params (string Name, IEdmExpression Value)[] properties) =>
        new(properties.Select(p => new EdmPropertyConstructor(p.Name, p.Value)));

    /// <summary>The feed's own term for its server page size: no standard vocabulary has one.</summary>
    private static EdmTerm PageSizeTerm(EdmModel model)
    {
        var term = new EdmTerm(WarehouseEdm.Namespace, "PageSize", EdmPrimitiveTypeKind.Int32, "EntityContainer");
        model.AddElement(term);
        Annotate(model, term, CoreVocabularyModel.DescriptionTerm,
            new EdmStringConstant("Largest number of rows in one page of results; clients may ask for fewer with Prefer: odata.maxpagesize."));
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
            Reference(AggregationNamespace, "Aggregation"),
            Reference("Org.OData.Core.V1", "Core"),
            Reference("Org.OData.Capabilities.V1", "Capabilities")]);
        return term;
    }

    private static EdmReference Reference(string ns, string alias)
    {
        var reference = new EdmReference(new Uri($"https://oasis-tcs.github.io/odata-vocabularies/vocabularies/{ns}.xml"));
        reference.AddInclude(new EdmInclude(alias, ns));
        return reference;
    }

    private static IEdmEnumMember RollupNone(IEdmModel model) =>
        model.FindType($"{AggregationNamespace}.RollupType") is IEdmEnumType rollup
            ? rollup.Members.Single(m => m.Name == "None")
            : throw new InvalidOperationException("The Aggregation vocabulary was not declared.");
}

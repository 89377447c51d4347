using Microsoft.OData.Edm;

namespace Observatory.Api.Feed.Parsing;

/// <summary>What a feed URL's path addresses (OData URL Conventions 4).</summary>
public enum ResourceKind
{
    /// <summary><c>/odata/Referrals</c></summary>
    Collection,

    /// <summary><c>/odata/Referrals/$count</c></summary>
    Count,

    /// <summary><c>/odata/Referrals(42)</c>, or <c>/odata/Referrals(42)/Ethnicity</c> through a navigation.</summary>
    Entity,

    /// <summary><c>/odata/Ethnicities(3)/Code</c></summary>
    Property,

    /// <summary><c>/odata/Ethnicities(3)/Code/$value</c></summary>
    PropertyValue,

    /// <summary><c>/odata/Referrals(42)/Ethnicity/$ref</c></summary>
    Reference,

    /// <summary><c>/odata/Indicators('tt-recovery')/Observatory.Evaluate(period='2022/23')</c>: a function bound to the keyed entity.</summary>
    Function,
}

/// <summary>The resource a request addresses.</summary>
/// <param name="Kind">What kind of resource.</param>
/// <param name="Set">The entity set the path starts from.</param>
/// <param name="Key">The key of the addressed entity, if any.</param>
/// <param name="Navigation">Single-valued navigations followed from the keyed entity.</param>
/// <param name="Property">The property addressed, for <see cref="ResourceKind.Property"/> and <see cref="ResourceKind.PropertyValue"/>.</param>
public sealed record FeedResource(ResourceKind Kind, IEdmEntitySet Set, object? Key, IReadOnlyList<IEdmNavigationProperty> Navigation, IEdmStructuralProperty? Property)
{
    /// <summary>For <see cref="ResourceKind.Function"/>: the function called.</summary>
    public IEdmFunction? Function { get; init; }

    /// <summary>For <see cref="ResourceKind.Function"/>: the parameters given, by name (aliases resolved); null where given as null.</summary>
    public IReadOnlyDictionary<string, string?> Arguments { get; init; } = new Dictionary<string, string?>();

    /// <summary>The entity set of the entities at the end of the path.</summary>
    public IEdmEntitySet TargetSet => Navigation.Aggregate(Set, (set, navigation) => (IEdmEntitySet)set.FindNavigationTarget(navigation));

    public bool IsCollection => Kind is ResourceKind.Collection or ResourceKind.Count or ResourceKind.Function;
}

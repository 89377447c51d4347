namespace Observatory.Indicators.Catalogue;

/// <summary>
/// A way of splitting an indicator's figures: the dimension attribute that names a group, the attribute its
/// groups roll up to (whose totals are published too, so both count for disclosure control), and the group the
/// others are compared with. Groups are ordered by the dimension's sort column.
/// </summary>
/// <param name="Id">Identifier used in the catalogue and in <c>IndicatorValues.Breakdown</c>.</param>
/// <param name="Navigation">The fact's navigation to the dimension (the fact's foreign key names the join).</param>
/// <param name="Key">Attribute that identifies a group.</param>
/// <param name="Label">Attribute shown for a group.</param>
/// <param name="Order">Attribute giving the order groups are shown in.</param>
/// <param name="Parent">Attribute of the group it rolls up to, for nested code lists.</param>
/// <param name="PopulationKey">Attribute used instead of <paramref name="Key"/> when the denominator is the census population.</param>
/// <param name="Reference">The reference group's key: the group every other is compared with, when there is one.</param>
public sealed record Breakdown(
    string Id, string Title, string Navigation, string Key, string Label, string Order, string? Parent, string? PopulationKey, string? Reference)
{
    /// <summary>The overall figure for an area and period: one group, "All".</summary>
    public const string Overall = "overall";

    public static readonly IReadOnlyList<Breakdown> All =
    [
        // The broad groups of the NHS 16+1 list; White is the reference, as in NHS England's inequality reporting.
        new("ethnic-group", "Ethnic group", "Ethnicity", "BroadGroup", "BroadGroup", "SortOrder", null, "CensusBroadGroup", "White"),
        // White British (A) is the reference for detailed categories, as in the Synergi report's comparisons.
        new("ethnic-category", "Ethnic category", "Ethnicity", "Code", "Name", "SortOrder", "BroadGroup", "Code", "A"),
        new("age-band", "Age band", "AgeBand", "Name", "Name", "SortOrder", null, "Name", null),
        new("gender", "Gender", "Gender", "Name", "Name", "SortOrder", null, "Name", null),
        // The least deprived fifth is the reference for the deprivation gradient.
        new("imd-quintile", "IMD 2019 quintile (1 = most deprived)", "Area", "ImdQuintile", "ImdQuintile", "ImdQuintile", null, "ImdQuintile", "5"),
        new("sexual-orientation", "Sexual orientation", "SexualOrientation", "Name", "Name", "SortOrder", null, null, "Heterosexual or straight"),
        new("disability", "Disability", "Disability", "Name", "Name", "SortOrder", null, null, "No disability"),
        new("service", "Service", "Service", "Code", "Name", "ServiceKey", null, null, null),
    ];

    public static Breakdown? Find(string id) => All.FirstOrDefault(b => b.Id == id);
}

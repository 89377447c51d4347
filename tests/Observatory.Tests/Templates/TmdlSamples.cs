using System.Text.RegularExpressions;

namespace Observatory.Tests.Templates;

/// <summary>
/// A small semantic model in the shape the template generator writes (one indicator, tt-recovery, with its
/// measures), for the reader's and checkers' own tests. Written here with four spaces per level, which
/// <see cref="Tabs"/> turns into the tabs TMDL needs; a <c>·</c> stands for a space that must stay one.
/// </summary>
public static partial class TmdlSamples
{
    public static Dictionary<string, string> Model() => new()
    {
        ["database.tmdl"] = Tabs("""
            database Observatory
                compatibilityLevel: 1567
            """),
        ["model.tmdl"] = Tabs("""
            model Model
                culture: en-GB
                defaultPowerBIDataSourceVersion: powerBI_V3
                discourageImplicitMeasures
                dataAccessOptions
                    legacyRedirects
                    returnErrorValuesAsNull

            annotation PBI_QueryOrder = ["ObservatoryFeed","Referrals"]

            ref table Referrals
            ref table Services
            """),
        ["expressions.tmdl"] = Tabs("""
            /// The Observatory feed's root, e.g. https://observatory.example.nhs.uk/odata
            expression ObservatoryFeed = "https://localhost/odata" meta [IsParameterQuery=true, Type="Text", IsParameterQueryRequired=true]
                lineageTag: 5b0c9a4e-0000-4000-8000-000000000001
                annotation PBI_ResultType = Text
            """),
        ["relationships.tmdl"] = Tabs("""
            relationship Referrals_Service
                fromColumn: Referrals.ServiceKey
                toColumn: Services.ServiceKey

            relationship Referrals_ReferralDate
                fromColumn: Referrals.ReferralDateKey
                toColumn: Dates.DateKey

            relationship Referrals_EndDate
                isActive: false
                fromColumn: Referrals.EndDateKey
                toColumn: Dates.DateKey

            relationship Population_AgeBand
                fromColumn: Population.AgeBandKey
                toColumn: AgeBands.AgeBandKey
            """),
        ["tables/Referrals.tmdl"] = Tabs(TmdlSampleTables.Referrals),
        ["tables/Services.tmdl"] = Tabs(Table("Services", "Services", ("ServiceKey", "int64"), ("Code", "string"))),
        ["tables/Dates.tmdl"] = Tabs(Table("Dates", "Dates", ("DateKey", "int64"), ("FinancialYear", "string"))),
        ["tables/AgeBands.tmdl"] = Tabs(Table("AgeBands", "AgeBands", ("AgeBandKey", "int64"), ("IsChild", "boolean"), ("MinAge", "int64"))),
        ["tables/Population.tmdl"] = Tabs(Table("Population", "Population", ("PopulationId", "int64"), ("AgeBandKey", "int64"), ("Residents", "int64"))),
        ["roles/Hackney.tmdl"] = Tabs("""
            role 'Hackney analysts'
                modelPermission: read

                tablePermission Services = Services[Code] <> "CAMHS"
            """),
    };

    /// <summary>A table with plain columns and the partition reading its entity set from the feed.</summary>
    public static string Table(string name, string set, params (string Name, string DataType)[] columns) =>
        $"table {TmdlNames.Quote(name)}\n" +
        string.Concat(columns.Select(c => $"    column {c.Name}\n        dataType: {c.DataType}\n        sourceColumn: {c.Name}\n        summarizeBy: none\n\n")) +
        $"    partition {TmdlNames.Quote(name)} = m\n        mode: import\n        source =\n" +
        $"                let\n                    Source = OData.Feed(ObservatoryFeed & \"/{set}\", null, [Implementation = \"2.0\"])\n" +
        "                in\n                    Source\n";

    /// <summary>Four leading spaces become one tab; then <c>·</c> becomes a space.</summary>
    public static string Tabs(string text) =>
        LeadingSpaces().Replace(text, m => new string('\t', m.Length / 4)).Replace('·', ' ');

    [GeneratedRegex("^(?:    )+", RegexOptions.Multiline)]
    private static partial Regex LeadingSpaces();
}

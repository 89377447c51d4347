using Observatory.Query.Model;
using Observatory.Templates;
using Observatory.Templates.Dax;

namespace Observatory.Tests.Templates;

/// <summary>How a catalogue filter becomes DAX filter arguments, and what the generator refuses to translate.</summary>
public class DaxConditionsTests
{
    private static DaxConditions Referrals() => new(WarehouseEdm.Instance, WarehouseEdm.Instance.EntityContainer.FindEntitySet("Referrals")!);

    [Fact]
    public void EachAndTermNarrowsTheSlicersAndNullsKeepTheFeedsMeaning()
    {
        var conditions = Referrals();

        var dax = conditions.Translate("Service/Code eq 'TT' and EndDateKey ne null and WaitToTreatmentDays le 42 and 16 le AgeBand/MinAge", "test");

        Assert.Equal(
        [
            "KEEPFILTERS ( Services[Code] = \"TT\" )",
            "KEEPFILTERS ( NOT ISBLANK ( Referrals[EndDateKey] ) )",
            "KEEPFILTERS ( NOT ISBLANK ( Referrals[WaitToTreatmentDays] ) && Referrals[WaitToTreatmentDays] <= 42 )",
            "KEEPFILTERS ( AgeBands[MinAge] >= 16 )",
        ], dax);
        Assert.Equal("AgeBandKey EndDateKey ServiceKey WaitToTreatmentDays", string.Join(" ", conditions.FactColumns.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("Service/Code eq 'TT' or Service/Code eq 'CAMHS'", "joined by 'and'")]
    [InlineData("Service/Code in ('TT','CAMHS')", "joined by 'and'")]
    [InlineData("contains(Service/Name, 'Talking')", "joined by 'and'")]
    [InlineData("WaitToTreatmentDays le WaitToFirstContactDays", "compare a column with a value")]
    [InlineData("Service/Provider/Code eq 'RWK'", "not Code further away")]
    [InlineData("EndDateKey gt null", "null can only be compared with eq or ne")]
    public void WhatDaxFiltersAreNotGeneratedForIsRefusedNamingTheIndicator(string filter, string says)
    {
        var refused = Assert.Throws<TemplateException>(() => Referrals().Translate(filter, "tt-example (Referrals)"));

        Assert.StartsWith("tt-example (Referrals): ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(says, refused.Message, StringComparison.Ordinal);
    }
}

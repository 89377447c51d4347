using Microsoft.OData.Edm;
using Observatory.Dashboards.Definitions;
using Observatory.Indicators.Catalogue;
using Observatory.Templates.Model;

namespace Observatory.Templates.Report;

/// <summary>Where a dashboard's slicers, breakdowns and periods live in the semantic model.</summary>
public sealed class ReportFields(IEdmModel edm)
{
    /// <summary>The column a slicer of the dashboards filters by.</summary>
    public (string Table, string Column) Slicer(string slicer) => slicer switch
    {
        Dashboards.Definitions.Slicer.Period => (TemplateModel.DatesTable, "FinancialYear"),
        Dashboards.Definitions.Slicer.Area => ("Areas", "Borough"),
        _ => Breakdown(Indicators.Catalogue.Breakdown.Find(slicer) ?? throw new TemplateException($"No breakdown '{slicer}' for a slicer."), "Referrals", IndicatorUnit.Count),
    };

    /// <summary>
    /// The column a breakdown groups by, reached from the facts' dimension; rates by ethnic group group by the census's
    /// own grouping, as the catalogue computes them (both sides grouped alike).
    /// </summary>
    public (string Table, string Column) Breakdown(Breakdown breakdown, string facts, IndicatorUnit unit)
    {
        var set = edm.EntityContainer.FindEntitySet(facts) ?? throw new TemplateException($"The feed has no set {facts}.");
        var navigation = set.EntityType.FindProperty(breakdown.Navigation) as IEdmNavigationProperty
            ?? throw new TemplateException($"{facts} cannot be broken down by {breakdown.Id}.");
        var table = set.FindNavigationTarget(navigation).Name;
        var column = unit == IndicatorUnit.RatePer100000 && breakdown.PopulationKey is { } census && census != breakdown.Key ? census : breakdown.Label;
        return (table, column);
    }

    /// <summary>The columns a trend's axis runs along, for the period a tile is drawn by.</summary>
    public static IReadOnlyList<(string Table, string Column)> Periods(PeriodType? periods) => periods switch
    {
        PeriodType.Month => [(TemplateModel.DatesTable, "MonthKey")],
        PeriodType.Quarter => [(TemplateModel.DatesTable, "FinancialYear"), (TemplateModel.DatesTable, "FinancialQuarter")],
        _ => [(TemplateModel.DatesTable, "FinancialYear")],
    };
}

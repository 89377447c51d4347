using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Observatory.Warehouse.Model.Indicators;

[Description("One value of an indicator: for a period, an area and a group of a breakdown, with its confidence intervals and its comparisons with the reference group, the target and its own recent past. Computed at each load from the catalogue. Rows whose Disclosure is 'Controlled' have passed statistical disclosure control by the cell-key method (each count of people or records published with a small perturbation that is the same wherever the same cell appears; a published count from 1 to 7 withheld; values and intervals computed from the published counts) and are the only ones researchers see.")]
public class IndicatorValue
{
    [Key]
    [Description("Row identifier.")]
    public long IndicatorValueId { get; set; }

    [Description("The indicator (see Indicators).")]
    public string IndicatorId { get; set; } = "";

    [Description("'Unrestricted' (exact counts) or 'Controlled' (counts perturbed by the cell-key method, small ones withheld).")]
    public string Disclosure { get; set; } = "";

    [Description("Month, Quarter, FinancialYear or Rolling12Months.")]
    public string PeriodType { get; set; } = "";

    [Description("First day of the period (yyyymmdd).")]
    public int PeriodStartKey { get; set; }

    [Description("Last day of the period (yyyymmdd).")]
    public int PeriodEndKey { get; set; }

    [Description("The period as shown, e.g. '2023/24', 'Q1 2023/24', '2023-04', '12 months to 2024-03'.")]
    public string Period { get; set; } = "";

    [Description("'City and Hackney' (the ICS), 'Hackney' or 'City of London'.")]
    public string Area { get; set; } = "";

    [Description("overall, ethnic-group, ethnic-category, age-band, gender, imd-quintile, sexual-orientation, disability or service.")]
    public string Breakdown { get; set; } = "";

    [Description("The group's code within the breakdown, e.g. 'Black', 'M', '18-24', '1'; 'All' for the overall figure.")]
    public string GroupCode { get; set; } = "";

    [Description("The group as shown.")]
    public string GroupName { get; set; } = "";

    [Description("Order of the group within its breakdown.")]
    public int GroupOrder { get; set; }

    [Description("Numerator (for a mean: the sum of the measured values). Empty when withheld.")]
    public double? Numerator { get; set; }

    [Description("Denominator: people, referrals or residents. Empty for counts and when withheld.")]
    public double? Denominator { get; set; }

    [Description("The value: a count, a proportion (0 to 1), a rate per 100,000 or a mean. Empty when withheld or undefined (no denominator).")]
    public double? Value { get; set; }

    [Description("Lower 95% confidence limit (Wilson for proportions, Byar's or exact for counts and rates, t for means).")]
    public double? Lower95 { get; set; }

    [Description("Upper 95% confidence limit.")]
    public double? Upper95 { get; set; }

    [Description("Lower 99.8% confidence limit.")]
    public double? Lower998 { get; set; }

    [Description("Upper 99.8% confidence limit.")]
    public double? Upper998 { get; set; }

    [Description("None, or SmallCount (the count, or the denominator the value is built on, published as 1 to 7 and so withheld).")]
    public string Suppression { get; set; } = "";

    [Description("Code of the group this value is compared with (e.g. 'White', 'A', '5'); empty when the breakdown has none.")]
    public string? ReferenceGroup { get; set; }

    [Description("The reference group's value.")]
    public double? ReferenceValue { get; set; }

    [Description("How the comparison is measured: Difference (proportions, means) or RateRatio (rates).")]
    public string? ComparisonMeasure { get; set; }

    [Description("This value minus, or divided by, the reference group's.")]
    public double? Comparison { get; set; }

    [Description("Lower 95% limit of the comparison (Newcombe's method for differences of proportions, log method for ratios).")]
    public double? ComparisonLower95 { get; set; }

    [Description("Upper 95% limit of the comparison.")]
    public double? ComparisonUpper95 { get; set; }

    [Description("Better, Similar or Worse than the reference group (95% intervals not overlapping), Higher or Lower for indicators without polarity, or NotCompared.")]
    public string ComparedWithReference { get; set; } = "";

    [Description("The overall value (every group together) for the same period and area, which a group is also compared with; empty on overall rows.")]
    public double? OverallValue { get; set; }

    [Description("Better, Similar or Worse than the overall value (the group's 95% interval wholly above or below it, as Fingertips compares with a benchmark), Higher or Lower for indicators without polarity, or NotCompared.")]
    public string ComparedWithOverall { get; set; } = "";

    [Description("The national target, where one exists.")]
    public double? Target { get; set; }

    [Description("Better, Similar or Worse than the target (95% interval wholly above or below it), or NotCompared.")]
    public string ComparedWithTarget { get; set; } = "";

    [Description("Recent trend over the last five non-overlapping periods ending with this one (chi-squared test for trend at 99.8%): Increasing, Decreasing, NoSignificantChange or NotEnoughData.")]
    public string Trend { get; set; } = "";

    [Description("What the trend means given the polarity: Improving, Worsening, NoSignificantChange, or empty when the indicator has no polarity or there is not enough data.")]
    public string? TrendMeaning { get; set; }

    [Description("Slope index of inequality across IMD deciles (overall rows only): the fitted value for the least deprived minus that for the most deprived.")]
    public double? SlopeIndex { get; set; }

    [Description("Lower 95% limit of the slope index of inequality.")]
    public double? SlopeIndexLower95 { get; set; }

    [Description("Upper 95% limit of the slope index of inequality.")]
    public double? SlopeIndexUpper95 { get; set; }

    [ForeignKey(nameof(IndicatorId))] public Indicator? Indicator { get; set; }
}

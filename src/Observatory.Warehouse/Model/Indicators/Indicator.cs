using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Indicators;

[Description("The indicator catalogue: one row per indicator, with the definition every one of its values is computed from (seed/indicators/<id>.yaml).")]
public class Indicator
{
    [Key]
    [Description("Stable identifier, e.g. 'tt-recovery'.")]
    public string IndicatorId { get; set; } = "";

    [Description("Version of the definition; raised whenever the definition changes.")]
    public int Version { get; set; }

    [Description("Title.")]
    public string Title { get; set; } = "";

    [Description("Report theme: Talking Therapies, CAMHS, SMI health checks, Growing Minds or Data completeness.")]
    public string Theme { get; set; } = "";

    [Description("The question the indicator answers.")]
    public string Question { get; set; } = "";

    [Description("Numerator in words.")]
    public string NumeratorDescription { get; set; } = "";

    [Description("Numerator as a query over the feed: an OData URL relative to the service root.")]
    public string NumeratorQuery { get; set; } = "";

    [Description("Denominator in words (empty for counts).")]
    public string? DenominatorDescription { get; set; }

    [Description("Denominator as a query over the feed (Population for rates).")]
    public string? DenominatorQuery { get; set; }

    [Description("count, proportion, rate-per-100000 or mean.")]
    public string Unit { get; set; } = "";

    [Description("How values are shown, e.g. '%', 'per 100,000 adults', 'days'.")]
    public string UnitLabel { get; set; } = "";

    [Description("higher-is-better, lower-is-better or no-judgement.")]
    public string Polarity { get; set; } = "";

    [Description("The national target as a value on the indicator's scale (0.5 for 50%), where one exists.")]
    public double? Target { get; set; }

    [Description("The target's source and wording.")]
    public string? TargetDescription { get; set; }

    [Description("Breakdowns values are given for, comma-separated (the overall figure always).")]
    public string Breakdowns { get; set; } = "";

    [Description("Period types values are given for, comma-separated.")]
    public string Periods { get; set; } = "";

    [Description("Where the definition comes from.")]
    public string Source { get; set; } = "";

    [Description("What a reader must bear in mind, one caveat per line.")]
    public string Caveats { get; set; } = "";

    [Description("Order in reports: by theme as the progress report presents them.")]
    public int SortOrder { get; set; }
}

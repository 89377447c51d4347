using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("A questionnaire used to measure change in a programme (pre and post).")]
public class OutcomeMeasure
{
    [Key]
    [Description("Surrogate key.")]
    public int OutcomeMeasureKey { get; set; }

    [Description("Measure code, e.g. SWEMWBS.")]
    public string Code { get; set; } = "";

    [Description("Measure name.")]
    public string Name { get; set; } = "";

    [Description("Lowest possible score.")]
    public double MinScore { get; set; }

    [Description("Highest possible score.")]
    public double MaxScore { get; set; }

    [Description("True when a higher score means better wellbeing.")]
    public bool HigherIsBetter { get; set; }
}

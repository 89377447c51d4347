using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("Age band at the time of the event (age in whole years; no dates of birth are held).")]
public class AgeBand
{
    [Key]
    [Description("Surrogate key.")]
    public int AgeBandKey { get; set; }

    [Description("Band label, e.g. '18-24' or '75+'.")]
    public string Name { get; set; } = "";

    [Description("Youngest age in the band.")]
    public int MinAge { get; set; }

    [Description("Oldest age in the band (120 for the open band).")]
    public int MaxAge { get; set; }

    [Description("True for bands under 18 (children and young people).")]
    public bool IsChild { get; set; }

    [Description("Sort order for reports.")]
    public int SortOrder { get; set; }
}

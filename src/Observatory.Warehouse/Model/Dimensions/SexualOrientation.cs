using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("Sexual orientation as recorded (DCB2094, asked of people aged 16 and over).")]
public class SexualOrientation : ICodedCategory
{
    [Key]
    [Description("Surrogate key.")]
    public int SexualOrientationKey { get; set; }

    [Description("National code.")]
    public string Code { get; set; } = "";

    [Description("Category name.")]
    public string Name { get; set; } = "";

    [Description("True when the value is informative: not 'not stated' and not 'not known' (NHS Digital data-quality 'accuracy').")]
    public bool IsKnown { get; set; }

    [Description("Sort order for reports.")]
    public int SortOrder { get; set; }
}

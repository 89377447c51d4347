using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("Gender identity as recorded (NHS Data Dictionary GENDER IDENTITY CODE), with not stated and not known.")]
public class Gender : ICodedCategory
{
    [Key]
    [Description("Surrogate key.")]
    public int GenderKey { get; set; }

    [Description("National code.")]
    public string Code { get; set; } = "";

    [Description("Category name.")]
    public string Name { get; set; } = "";

    [Description("True when the value is informative: not 'not stated' and not 'not known' (NHS Digital data-quality 'accuracy').")]
    public bool IsKnown { get; set; }

    [Description("Sort order for reports.")]
    public int SortOrder { get; set; }
}

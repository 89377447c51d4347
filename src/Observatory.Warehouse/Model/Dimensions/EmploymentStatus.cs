using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("Employment status at referral (MHSDS EMPLOYMENT STATUS), one of the wider determinants of health.")]
public class EmploymentStatus : ICodedCategory
{
    [Key]
    [Description("Surrogate key.")]
    public int EmploymentStatusKey { get; set; }

    [Description("National code.")]
    public string Code { get; set; } = "";

    [Description("Category name.")]
    public string Name { get; set; } = "";

    [Description("True when the value is informative: not 'not stated' and not 'not known' (NHS Digital data-quality 'accuracy').")]
    public bool IsKnown { get; set; }

    [Description("Sort order for reports.")]
    public int SortOrder { get; set; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("Where a referral came from.")]
public class ReferralSource
{
    [Key]
    [Description("Surrogate key.")]
    public int ReferralSourceKey { get; set; }

    [Description("Source code.")]
    public string Code { get; set; } = "";

    [Description("Source name, e.g. 'Self-referral' or 'GP'.")]
    public string Name { get; set; } = "";

    [Description("Self, Primary care, Secondary care, Education, Social care, Community or Other.")]
    public string Category { get; set; } = "";
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("Accommodation status at referral, one of the wider determinants of health.")]
public class AccommodationStatus : ICodedCategory
{
    [Key]
    [Description("Surrogate key.")]
    public int AccommodationStatusKey { get; set; }

    [Description("National code.")]
    public string Code { get; set; } = "";

    [Description("Category name.")]
    public string Name { get; set; } = "";

    [Description("True when the value is informative: not 'not stated' and not 'not known' (NHS Digital data-quality 'accuracy').")]
    public bool IsKnown { get; set; }

    [Description("True for settled accommodation (owner, tenant, living with family); false for temporary, supported or no fixed abode.")]
    public bool IsSettled { get; set; }

    [Description("Sort order for reports.")]
    public int SortOrder { get; set; }
}

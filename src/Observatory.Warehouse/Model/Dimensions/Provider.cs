using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("An organisation that delivers services.")]
public class Provider
{
    [Key]
    [Description("Surrogate key.")]
    public int ProviderKey { get; set; }

    [Description("Organisation code (ODS code for NHS bodies).")]
    public string Code { get; set; } = "";

    [Description("Organisation name.")]
    public string Name { get; set; } = "";

    [Description("NHS, VCSE (voluntary, community and social enterprise) or Local authority.")]
    public string Sector { get; set; } = "";
}

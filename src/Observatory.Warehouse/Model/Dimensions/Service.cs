using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("A mental health service or commissioned programme that receives referrals.")]
public class Service
{
    [Key]
    [Description("Surrogate key.")]
    public int ServiceKey { get; set; }

    [Description("Service code, e.g. TT (NHS Talking Therapies), CAMHS, GM-FAC (Growing Minds counselling).")]
    public string Code { get; set; } = "";

    [Description("Service name.")]
    public string Name { get; set; } = "";

    [Description("Programme the service belongs to: Talking Therapies, CAMHS, Community mental health, Growing Minds, Community (VCSE).")]
    public string Programme { get; set; } = "";

    [Description("Who the service is for.")]
    public string TargetPopulation { get; set; } = "";

    [Description("Key of the delivering provider.")]
    public int ProviderKey { get; set; }

    [ForeignKey(nameof(ProviderKey))]
    [Description("The delivering provider.")]
    public Provider? Provider { get; set; }
}

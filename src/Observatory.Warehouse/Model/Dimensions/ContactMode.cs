using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("How a care contact took place (MHSDS consultation medium).")]
public class ContactMode
{
    [Key]
    [Description("Surrogate key.")]
    public int ContactModeKey { get; set; }

    [Description("Consultation medium code.")]
    public string Code { get; set; } = "";

    [Description("Face to face, Telephone, Video, Text or online, or Group.")]
    public string Name { get; set; } = "";

    [Description("True for contacts not in person.")]
    public bool IsRemote { get; set; }
}

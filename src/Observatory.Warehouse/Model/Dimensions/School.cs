using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("Secondary schools in the Tree of Life (Growing Minds) pilot. Names are pseudonymous.")]
public class School
{
    [Key]
    [Description("Surrogate key.")]
    public int SchoolKey { get; set; }

    [Description("Pseudonymous school code.")]
    public string Code { get; set; } = "";

    [Description("Pseudonymous school name.")]
    public string Name { get; set; } = "";

    [Description("Hackney or City of London.")]
    public string Borough { get; set; } = "";

    [Description("True when the school was approached to take part in the Tree of Life pilot.")]
    public bool Approached { get; set; }

    [Description("True when the school took part in the Tree of Life pilot.")]
    public bool Participating { get; set; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Model.Facts;

[Description("Census 2021 resident population by area, ethnicity, age band and sex: the denominators for rates per 100,000.")]
public class PopulationEstimate
{
    [Key]
    [Description("Row identifier.")]
    public int PopulationId { get; set; }

    [Description("Census year.")]
    public int CensusYear { get; set; }

    public int AreaKey { get; set; }
    public int EthnicityKey { get; set; }
    public int AgeBandKey { get; set; }
    public int GenderKey { get; set; }

    [Description("Number of residents.")]
    public int Residents { get; set; }

    [ForeignKey(nameof(AreaKey))] public Area? Area { get; set; }
    [ForeignKey(nameof(EthnicityKey))] public Ethnicity? Ethnicity { get; set; }
    [ForeignKey(nameof(AgeBandKey))] public AgeBand? AgeBand { get; set; }
    [ForeignKey(nameof(GenderKey))] public Gender? Gender { get; set; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("Geography of residence: 2011 Lower Layer Super Output Area (LSOA), its electoral ward and borough, with its Index of Multiple Deprivation 2019.")]
public class Area
{
    [Key]
    [Description("Surrogate key.")]
    public int AreaKey { get; set; }

    [Description("ONS LSOA 2011 code, e.g. E01001709.")]
    public string LsoaCode { get; set; } = "";

    [Description("ONS LSOA 2011 name, e.g. 'Hackney 001A'.")]
    public string LsoaName { get; set; } = "";

    [Description("ONS electoral ward code (2019 best-fit lookup).")]
    public string WardCode { get; set; } = "";

    [Description("Electoral ward name.")]
    public string WardName { get; set; } = "";

    [Description("Hackney or City of London.")]
    public string Borough { get; set; } = "";

    [Description("IMD 2019 rank among England's 32,844 LSOAs (1 is the most deprived).")]
    public int ImdRank { get; set; }

    [Description("IMD 2019 national decile (1 is the most deprived 10%).")]
    public int ImdDecile { get; set; }

    [Description("IMD 2019 national quintile (1 is the most deprived 20%).")]
    public int ImdQuintile { get; set; }
}

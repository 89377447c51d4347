using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("NHS ethnic category (2001 census '16+1' list) as recorded by the service, with Z (not stated) and 99 (not known).")]
public class Ethnicity
{
    [Key]
    [Description("Surrogate key.")]
    public int EthnicityKey { get; set; }

    [Description("NHS ethnic category code: A to S, Z (not stated) or 99 (not known).")]
    public string Code { get; set; } = "";

    [Description("Category name, e.g. 'Black or Black British - Caribbean'.")]
    public string Name { get; set; } = "";

    [Description("Broad group: White, Mixed, Asian, Black, Other, Not stated or Not known.")]
    public string BroadGroup { get; set; } = "";

    [Description("Broad group as the 2021 Census defines it (Chinese counts as Asian), used to match population denominators.")]
    public string CensusBroadGroup { get; set; } = "";

    [Description("True when a valid ethnic category was recorded (not Z and not 99).")]
    public bool IsKnown { get; set; }

    [Description("African and Caribbean heritage (codes M, N, P, D, E): the population Growing Minds was commissioned for.")]
    public bool IsAfricanCaribbeanHeritage { get; set; }

    [Description("Sort order for reports.")]
    public int SortOrder { get; set; }
}

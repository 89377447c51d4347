using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model;

[Description("Each load of the warehouse: where the data came from and when. A synthetic load holds no real person's data.")]
public class WarehouseLoad
{
    [Key]
    [Description("Load identifier.")]
    public int LoadId { get; set; }

    [Description("Synthetic (generated) or the name of the extract that was loaded.")]
    public string Source { get; set; } = "";

    [Description("True when every row was generated: the warehouse holds no real person's data.")]
    public bool IsSynthetic { get; set; }

    [Description("Random seed of a synthetic load.")]
    public int? RandomSeed { get; set; }

    [Description("Scale of a synthetic load (1 is the demo size).")]
    public double? Scale { get; set; }

    [Description("Version of Observatory that made the load.")]
    public string ObservatoryVersion { get; set; } = "";

    [Description("When the load started (UTC).")]
    public DateTime StartedUtc { get; set; }

    [Description("When the load finished (UTC).")]
    public DateTime CompletedUtc { get; set; }

    [Description("Fact rows written.")]
    public long FactRows { get; set; }

    [Description("Period the data cover: first day (yyyymmdd).")]
    public int PeriodStartDateKey { get; set; }

    [Description("Period the data cover: last day, the data cut (yyyymmdd).")]
    public int PeriodEndDateKey { get; set; }
}

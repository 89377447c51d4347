using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Model.Summaries;

[Description("People on the GP SMI register and their physical health checks by financial year, ethnic group, age band, borough and deprivation quintile. Built from HealthChecks at each load.")]
public class YearlyHealthCheck
{
    [Key]
    [Description("Row identifier.")]
    public int YearlyHealthCheckId { get; set; }

    [Description("End of the financial year (31 March, yyyymmdd).")]
    public int PeriodEndDateKey { get; set; }

    public int AgeBandKey { get; set; }

    [Description("Broad ethnic group as recorded (White, Mixed, Asian, Black, Other, Not stated, Not known).")]
    public string EthnicityGroup { get; set; } = "";

    [Description("Hackney or City of London.")]
    public string Borough { get; set; } = "";

    [Description("IMD 2019 national quintile of the area of residence (1 is the most deprived).")]
    public int ImdQuintile { get; set; }

    [Description("People on the register: the denominator of every check.")]
    public int People { get; set; }

    [Description("People with all six checks (target 60%).")]
    public int AllSixChecks { get; set; }

    [Description("People whose alcohol consumption was recorded.")]
    public int AlcoholCheck { get; set; }

    [Description("People whose blood glucose or HbA1c was measured.")]
    public int BloodGlucoseCheck { get; set; }

    [Description("People whose blood pressure was measured.")]
    public int BloodPressureCheck { get; set; }

    [Description("People whose BMI was measured.")]
    public int BmiCheck { get; set; }

    [Description("People with a lipid profile.")]
    public int LipidsCheck { get; set; }

    [Description("People whose smoking status was recorded.")]
    public int SmokingCheck { get; set; }

    [Description("People whose checks the Street Outreach Team completed.")]
    public int ByStreetOutreachTeam { get; set; }

    [ForeignKey(nameof(PeriodEndDateKey))] public CalendarDate? PeriodEndDate { get; set; }
    [ForeignKey(nameof(AgeBandKey))] public AgeBand? AgeBand { get; set; }
}

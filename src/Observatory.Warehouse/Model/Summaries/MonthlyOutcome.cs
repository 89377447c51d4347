using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Model.Summaries;

[Description("Ended referrals and their outcomes by the month they ended, service, ethnic group, age band, borough and deprivation quintile (the basis of the national Talking Therapies measures). Built from Referrals at each load.")]
public class MonthlyOutcome
{
    [Key]
    [Description("Row identifier.")]
    public int MonthlyOutcomeId { get; set; }

    [Description("First day of the month the referrals ended (yyyymmdd).")]
    public int MonthKey { get; set; }

    public int ServiceKey { get; set; }
    public int AgeBandKey { get; set; }

    [Description("Broad ethnic group as recorded (White, Mixed, Asian, Black, Other, Not stated, Not known).")]
    public string EthnicityGroup { get; set; } = "";

    [Description("Hackney or City of London.")]
    public string Borough { get; set; } = "";

    [Description("IMD 2019 national quintile of the area of residence (1 is the most deprived).")]
    public int ImdQuintile { get; set; }

    [Description("Referrals that ended.")]
    public int Ended { get; set; }

    [Description("Ended referrals that had entered treatment: the denominator of the drop-out rate.")]
    public int EndedAfterTreatment { get; set; }

    [Description("Finished a course of treatment (ended with at least two treatment sessions).")]
    public int FinishedTreatment { get; set; }

    [Description("Entered treatment and ended earlier than the clinician planned.")]
    public int DroppedOut { get; set; }

    [Description("Finished a course and at caseness at the start: the denominator of the recovery rate.")]
    public int FinishedAtCaseness { get; set; }

    [Description("Recovered (national definition).")]
    public int Recovered { get; set; }

    [Description("Reliably improved (national definition).")]
    public int ReliablyImproved { get; set; }

    [Description("Reliably recovered (national definition).")]
    public int ReliablyRecovered { get; set; }

    [Description("Finished a course having waited 6 weeks (42 days) or less for treatment (standard: 75%).")]
    public int TreatedWithin6Weeks { get; set; }

    [Description("Finished a course having waited 18 weeks (126 days) or less for treatment (standard: 95%).")]
    public int TreatedWithin18Weeks { get; set; }

    [Description("Treatment sessions attended.")]
    public int SessionsAttended { get; set; }

    [Description("Appointments missed without notice.")]
    public int SessionsMissed { get; set; }

    [ForeignKey(nameof(MonthKey))] public CalendarDate? Month { get; set; }
    [ForeignKey(nameof(ServiceKey))] public Service? Service { get; set; }
    [ForeignKey(nameof(AgeBandKey))] public AgeBand? AgeBand { get; set; }
}

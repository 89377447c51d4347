using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Model.Summaries;

[Description("Referrals counted by the month they were received, service, ethnic group, age band, borough and deprivation quintile. Built from Referrals at each load: small enough to import whole.")]
public class MonthlyReferral
{
    [Key]
    [Description("Row identifier.")]
    public int MonthlyReferralId { get; set; }

    [Description("First day of the month the referrals were received (yyyymmdd).")]
    public int MonthKey { get; set; }

    public int ServiceKey { get; set; }
    public int AgeBandKey { get; set; }

    [Description("Broad ethnic group as recorded (White, Mixed, Asian, Black, Other, Not stated, Not known).")]
    public string EthnicityGroup { get; set; } = "";

    [Description("Hackney or City of London.")]
    public string Borough { get; set; } = "";

    [Description("IMD 2019 national quintile of the area of residence (1 is the most deprived).")]
    public int ImdQuintile { get; set; }

    [Description("Referrals received.")]
    public int Referrals { get; set; }

    [Description("Of these, referrals that had a first attended contact.")]
    public int FirstContacts { get; set; }

    [Description("Of these, referrals that entered treatment.")]
    public int EnteredTreatment { get; set; }

    [Description("Total days from referral to first treatment, over the referrals that entered treatment (divide by EnteredTreatment for the mean).")]
    public long WaitToTreatmentDays { get; set; }

    [ForeignKey(nameof(MonthKey))] public CalendarDate? Month { get; set; }
    [ForeignKey(nameof(ServiceKey))] public Service? Service { get; set; }
    [ForeignKey(nameof(AgeBandKey))] public AgeBand? AgeBand { get; set; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Model.Facts;

[Description("One row per person on the GP serious mental illness (SMI) register per financial year: which of the six physical health checks they had in the 12 months to the period end.")]
public class HealthCheck : IPersonRecord
{
    [Key]
    [Description("Row identifier.")]
    public long HealthCheckId { get; set; }

    [Description("Pseudonymous person key.")]
    public long PersonId { get; set; }

    [Description("End of the 12-month period (31 March, yyyymmdd).")]
    public int PeriodEndDateKey { get; set; }

    public int EthnicityKey { get; set; }
    public int AgeBandKey { get; set; }
    public int GenderKey { get; set; }
    public int AreaKey { get; set; }

    [Description("1 when alcohol consumption was recorded.")]
    [Flag]
    public int AlcoholCheck { get; set; }

    [Description("1 when blood glucose or HbA1c was measured.")]
    [Flag]
    public int BloodGlucoseCheck { get; set; }

    [Description("1 when blood pressure was measured.")]
    [Flag]
    public int BloodPressureCheck { get; set; }

    [Description("1 when BMI was measured.")]
    [Flag]
    public int BmiCheck { get; set; }

    [Description("1 when a lipid profile was taken.")]
    [Flag]
    public int LipidsCheck { get; set; }

    [Description("1 when smoking status was recorded.")]
    [Flag]
    public int SmokingCheck { get; set; }

    [Description("1 when all six checks were done (the NHS England SMI health check measure; target 60%).")]
    [Flag]
    public int AllSixChecks { get; set; }

    [Description("1 when the checks were completed by the Street Outreach Team rather than the GP practice.")]
    [Flag]
    public int ByStreetOutreachTeam { get; set; }

    [NeverServed]
    [Description("Record key of the cell-key method, drawn at load; never served.")]
    public int RecordKey { get; set; }

    [NeverServed]
    [Description("The person's record key of the cell-key method, drawn at load; never served.")]
    public int PersonRecordKey { get; set; }

    long IKeyedRecord.RecordId => HealthCheckId;

    [ForeignKey(nameof(PeriodEndDateKey))] public CalendarDate? PeriodEndDate { get; set; }
    [ForeignKey(nameof(EthnicityKey))] public Ethnicity? Ethnicity { get; set; }
    [ForeignKey(nameof(AgeBandKey))] public AgeBand? AgeBand { get; set; }
    [ForeignKey(nameof(GenderKey))] public Gender? Gender { get; set; }
    [ForeignKey(nameof(AreaKey))] public Area? Area { get; set; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Model.Facts;

[Description("One row per participant and measure with both a pre and a post questionnaire, for community programmes (Growing Minds, Core Arts, Open Minds).")]
public class ProgrammeOutcome : IPersonRecord
{
    [Key]
    [Description("Row identifier.")]
    public long ProgrammeOutcomeId { get; set; }

    [Description("Pseudonymous person key.")]
    public long PersonId { get; set; }

    [Description("The participant's referral to the programme.")]
    public long ReferralId { get; set; }

    public int ServiceKey { get; set; }
    public int OutcomeMeasureKey { get; set; }

    [Description("School, for the Tree of Life programme.")]
    public int? SchoolKey { get; set; }

    public int EthnicityKey { get; set; }
    public int AgeBandKey { get; set; }
    public int GenderKey { get; set; }

    [Description("Date of the pre questionnaire.")]
    public int PreDateKey { get; set; }

    [Description("Date of the post questionnaire.")]
    public int PostDateKey { get; set; }

    [Description("Score before the programme.")]
    public double PreScore { get; set; }

    [Description("Score after the programme.")]
    public double PostScore { get; set; }

    [Description("Post score minus pre score.")]
    public double Change { get; set; }

    [NeverServed]
    [Description("Record key of the cell-key method, drawn at load; never served.")]
    public int RecordKey { get; set; }

    [NeverServed]
    [Description("The person's record key of the cell-key method, drawn at load; never served.")]
    public int PersonRecordKey { get; set; }

    long IKeyedRecord.RecordId => ProgrammeOutcomeId;

    [ForeignKey(nameof(ReferralId))] public Referral? Referral { get; set; }
    [ForeignKey(nameof(ServiceKey))] public Service? Service { get; set; }
    [ForeignKey(nameof(OutcomeMeasureKey))] public OutcomeMeasure? OutcomeMeasure { get; set; }
    [ForeignKey(nameof(SchoolKey))] public School? School { get; set; }
    [ForeignKey(nameof(EthnicityKey))] public Ethnicity? Ethnicity { get; set; }
    [ForeignKey(nameof(AgeBandKey))] public AgeBand? AgeBand { get; set; }
    [ForeignKey(nameof(GenderKey))] public Gender? Gender { get; set; }
    [ForeignKey(nameof(PreDateKey))] public CalendarDate? PreDate { get; set; }
    [ForeignKey(nameof(PostDateKey))] public CalendarDate? PostDate { get; set; }
}

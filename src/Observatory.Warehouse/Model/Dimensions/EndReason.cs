using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("Why a referral ended: the NHS Talking Therapies dataset v2 ending codes, used by every service in the warehouse.")]
public class EndReason
{
    [Key]
    [Description("Surrogate key.")]
    public int EndReasonKey { get; set; }

    [Description("Ending code, e.g. 46 (mutually agreed completion of treatment) or 47 (ended earlier than the clinician planned).")]
    public string Code { get; set; } = "";

    [Description("Ending reason.")]
    public string Name { get; set; } = "";

    [Description("Completed, Dropped out, Declined, Referred on, Advice only, Ended by service, Deceased or Not known.")]
    public string Category { get; set; } = "";

    [Description("True for the 'treated' codes (46 to 49, 96); false for 'seen but not treated' (12 to 17, 95).")]
    public bool IsTreated { get; set; }
}

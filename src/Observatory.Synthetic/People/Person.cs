using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Synthetic.People;

/// <summary>
/// A synthetic resident: the true values of their characteristics. What a service records about them can be
/// less complete (see <see cref="Recorder"/>). No name, NHS number or date of birth exists anywhere.
/// </summary>
public sealed class Person
{
    public long PersonId { get; set; }
    public Area Area { get; set; } = null!;
    public Ethnicity Ethnicity { get; set; } = null!;
    public AgeBand AgeBand { get; set; } = null!;
    public Gender Sex { get; set; } = null!;
    public string GenderIdentityCode { get; set; } = "";
    public string SexualOrientationCode { get; set; } = "";
    public bool Disabled { get; set; }
    public string EmploymentStatusCode { get; set; } = "";
    public string AccommodationStatusCode { get; set; } = "";
    public bool NeedsInterpreter { get; set; }
}

using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Synthetic.Population;

/// <summary>Residents of one area, ethnic category, age band and sex: a Population fact row and a sampling unit.</summary>
public sealed record PopulationCell(Area Area, Ethnicity Ethnicity, AgeBand AgeBand, Gender Sex, int Residents);

using Observatory.Synthetic.Calibration;
using Observatory.Warehouse;
using Observatory.Warehouse.Model.Dimensions;
using Observatory.Warehouse.Reference;

namespace Observatory.Synthetic.Population;

/// <summary>
/// Spreads the Census 2021 borough totals (seed/population) over LSOAs, ethnic categories, age bands and sex.
/// Borough totals by ethnic category and by age and sex hold exactly (up to rounding of single residents); the
/// split within a borough is modelled: each LSOA gets an equal share of residents, ethnic mix tilted by the
/// LSOA's deprivation and rescaled by iterative proportional fitting, and age and sex independent of ethnicity.
/// Census categories map to NHS codes explicitly (census-2021-ethnicity.csv), e.g. Chinese to R and Arab to S.
/// </summary>
public static class CensusPopulation
{
    private const int FittingRounds = 50;

    public static List<PopulationCell> Build(ReferenceData reference, PopulationParameters parameters)
    {
        var ethnicityByCode = reference.Ethnicities.ToDictionary(e => e.Code);
        var bandByName = reference.AgeBands.ToDictionary(b => b.Name);
        var male = reference.Genders.Single(g => g.Code == "1");
        var female = reference.Genders.Single(g => g.Code == "2");
        var ethnicityRows = CsvFiles.Read<EthnicityRow>(SeedDirectory.File("population", "census-2021-ethnicity.csv"));
        var ageRows = CsvFiles.Read<AgeSexRow>(SeedDirectory.File("population", "census-2021-age-sex.csv"));

        var cells = new List<PopulationCell>();
        foreach (var borough in reference.Areas.Select(a => a.Borough).Distinct().Order(StringComparer.Ordinal))
        {
            var areas = reference.Areas.Where(a => a.Borough == borough).OrderBy(a => a.AreaKey).ToList();
            var byEthnicity = ethnicityRows.Where(r => r.Borough == borough)
                .GroupBy(r => r.NhsEthnicityCode)
                .Select(g => (Ethnicity: ethnicityByCode.TryGetValue(g.Key, out var e) ? e
                    : throw new WarehouseException($"census-2021-ethnicity.csv maps to unknown NHS code {g.Key}."), Residents: (double)g.Sum(r => r.Residents)))
                .OrderBy(x => x.Ethnicity.SortOrder)
                .ToList();
            var ages = ageRows.Where(r => r.Borough == borough).ToList();
            if (byEthnicity.Count == 0 || ages.Count == 0)
            {
                throw new WarehouseException($"seed/population has no Census 2021 figures for {borough}.");
            }

            var fitted = FitAreaByEthnicity(areas, byEthnicity, parameters.DeprivationTilt);

            // Controlled rounding along the borough's cells keeps the borough total exact.
            var running = 0.0;
            var emitted = 0L;
            for (var a = 0; a < areas.Count; a++)
            {
                for (var e = 0; e < byEthnicity.Count; e++)
                {
                    foreach (var age in ages)
                    {
                        var band = bandByName.TryGetValue(age.AgeBand, out var b) ? b
                            : throw new WarehouseException($"census-2021-age-sex.csv names unknown age band {age.AgeBand}.");
                        var residents = fitted[a, e] * age.PercentOfResidents / 100.0;
                        foreach (var (sex, share) in new[] { (male, age.PercentMale / 100.0), (female, 1 - age.PercentMale / 100.0) })
                        {
                            running += residents * share;
                            var count = (int)(Math.Round(running) - emitted);
                            emitted += count;
                            if (count > 0)
                            {
                                cells.Add(new PopulationCell(areas[a], byEthnicity[e].Ethnicity, band, sex, count));
                            }
                        }
                    }
                }
            }
        }

        return cells;
    }

    private static double[,] FitAreaByEthnicity(
        List<Area> areas, List<(Ethnicity Ethnicity, double Residents)> totals, Dictionary<string, double> tilt)
    {
        var boroughTotal = totals.Sum(t => t.Residents);
        var areaTarget = boroughTotal / areas.Count;
        var m = new double[areas.Count, totals.Count];
        for (var a = 0; a < areas.Count; a++)
        {
            for (var e = 0; e < totals.Count; e++)
            {
                var slope = tilt.GetValueOrDefault(totals[e].Ethnicity.BroadGroup);
                m[a, e] = totals[e].Residents / areas.Count * Math.Exp(slope * (3 - areas[a].ImdDecile));
            }
        }

        for (var round = 0; round < FittingRounds; round++)
        {
            for (var e = 0; e < totals.Count; e++)
            {
                var column = 0.0;
                for (var a = 0; a < areas.Count; a++)
                {
                    column += m[a, e];
                }

                for (var a = 0; a < areas.Count; a++)
                {
                    m[a, e] *= totals[e].Residents / column;
                }
            }

            for (var a = 0; a < areas.Count; a++)
            {
                var row = 0.0;
                for (var e = 0; e < totals.Count; e++)
                {
                    row += m[a, e];
                }

                for (var e = 0; e < totals.Count; e++)
                {
                    m[a, e] *= areaTarget / row;
                }
            }
        }

        return m;
    }

    private sealed class EthnicityRow
    {
        public string Borough { get; set; } = "";
        public string CensusCategory { get; set; } = "";
        public string NhsEthnicityCode { get; set; } = "";
        public int Residents { get; set; }
    }

    private sealed class AgeSexRow
    {
        public string Borough { get; set; } = "";
        public string AgeBand { get; set; } = "";
        public double PercentOfResidents { get; set; }
        public double PercentMale { get; set; }
    }
}

using Observatory.Synthetic.Sampling;
using System.Reflection;
using Observatory.Synthetic.Calibration;
using Observatory.Synthetic.Population;
using Observatory.Synthetic.Programmes;
using Observatory.Synthetic.Referrals;
using Observatory.Synthetic.Register;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Loading;
using Observatory.Warehouse.Model;
using Observatory.Warehouse.Model.Facts;
using Observatory.Warehouse.Reference;

namespace Observatory.Synthetic;

/// <summary>
/// A believable City and Hackney, FY2019/20 to FY2023/24, generated from seed/ and streamed into the loader.
/// The same seed and scale always give the same rows. Every generator draws from random streams of its own, each
/// seeded from the seed and the stream's name (<see cref="SeedStreams"/>), so a change to how one generator
/// draws leaves what the others generate as it was.
/// </summary>
public sealed class SyntheticWarehouse : IWarehouseSource
{
    /// <summary>The demo warehouse: the day the ICP engagement group gave its feedback on data collection (9 March 2022).</summary>
    public const int DemoSeed = 20220309;
    public const double DemoScale = 1;
    public const double MaxScale = 100;

    /// <summary>Where the demo warehouse's pinned fingerprint is kept, in seed/.</summary>
    public const string DemoFingerprintFile = "fingerprints/demo.json";

    private const double AppointmentsPerReferral = 4.5;
    private readonly int _seed;
    private readonly double _scale;
    private readonly SyntheticParameters _parameters;

    public SyntheticWarehouse(int seed = DemoSeed, double scale = DemoScale)
        : this(seed, scale, SyntheticParameters.Load())
    {
    }

    /// <summary>A warehouse generated with other parameters than seed/calibration/synthetic.json's.</summary>
    public SyntheticWarehouse(int seed, double scale, SyntheticParameters parameters)
    {
        if (double.IsNaN(scale) || scale <= 0 || scale > MaxScale)
        {
            throw new WarehouseException($"Scale must be greater than 0 and at most {MaxScale} (1 is the demo size); got {scale}.");
        }

        _seed = seed;
        _scale = scale;
        _parameters = parameters;
    }

    public WarehouseLoad Describe() => new()
    {
        LoadId = 1,
        Source = "Synthetic: Observatory generator (no real person's data)",
        IsSynthetic = true,
        RandomSeed = _seed,
        Scale = _scale,
        ObservatoryVersion = typeof(SyntheticWarehouse).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        PeriodStartDateKey = Calendar.DateKey(_parameters.Period.Start),
        PeriodEndDateKey = Calendar.DateKey(_parameters.Period.End),
    };

    /// <summary>
    /// What the demo seed and scale generate, table by table (seed/fingerprints/demo.json): a change to the
    /// generator or to seed/ that alters the demo's rows shows as a difference from it.
    /// </summary>
    public static WarehouseFingerprint DemoFingerprint() =>
        WarehouseFingerprint.FromJson(File.ReadAllText(SeedDirectory.File(DemoFingerprintFile)));

    public IReadOnlyDictionary<string, long> EstimateRows()
    {
        var years = (_parameters.Period.End.DayNumber - _parameters.Period.Start.DayNumber + 1) / 365.25;
        var referrals = (long)(_parameters.Services.Sum(s => s.ReferralsPerYear) * years * _scale);
        return new Dictionary<string, long>
        {
            ["Referrals"] = referrals,
            ["Appointments"] = (long)(referrals * AppointmentsPerReferral),
            ["HealthChecks"] = (long)(_parameters.SmiRegister.PeoplePerYear * years * _scale),
        };
    }

    public void WriteTo(IWarehouseSink sink, CancellationToken cancellationToken)
    {
        var reference = ReferenceData.Load();
        WriteDimensions(reference, sink);

        var population = CensusPopulation.Build(reference, _parameters.Population);
        WritePopulation(population, sink);

        var context = new GenerationContext(_seed, _scale, reference, _parameters, ReportFigures.Load(), population, sink);
        var pathways = _parameters.Services.Select(s => (Pathway: new ServicePathway(context, s),
            Volume: new MonthlyVolume(_parameters.Volume, s.ReferralsPerYear, _scale),
            Days: context.Streams.For("referral-days", s.Code))).ToList();

        var period = _parameters.Period;
        for (var month = new DateOnly(period.Start.Year, period.Start.Month, 1); month <= period.End; month = month.AddMonths(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = month < period.Start ? period.Start : month;
            var last = month.AddMonths(1).AddDays(-1);
            last = last > period.End ? period.End : last;
            foreach (var (pathway, volume, days) in pathways)
            {
                for (var i = volume.For(month); i > 0; i--)
                {
                    pathway.Refer(days.DayIn(first, last));
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        new GrowingMinds(context).Write();
        cancellationToken.ThrowIfCancellationRequested();
        new SmiRegister(context).Write();
    }

    private void WriteDimensions(ReferenceData reference, IWarehouseSink sink)
    {
        WriteAll(sink, Calendar.Days(_parameters.Period.Start, _parameters.Period.End));
        WriteAll(sink, reference.Ethnicities);
        WriteAll(sink, reference.AgeBands);
        WriteAll(sink, reference.Genders);
        WriteAll(sink, reference.SexualOrientations);
        WriteAll(sink, reference.Disabilities);
        WriteAll(sink, reference.EmploymentStatuses);
        WriteAll(sink, reference.AccommodationStatuses);
        WriteAll(sink, reference.Areas);
        WriteAll(sink, reference.Providers);
        WriteAll(sink, reference.Services);
        WriteAll(sink, reference.ReferralSources);
        WriteAll(sink, reference.EndReasons);
        WriteAll(sink, reference.Schools);
        WriteAll(sink, reference.ContactModes);
        WriteAll(sink, reference.OutcomeMeasures);
    }

    private static void WritePopulation(IEnumerable<PopulationCell> cells, IWarehouseSink sink)
    {
        var table = sink.Table<PopulationEstimate>();
        var id = 0;
        foreach (var cell in cells)
        {
            table.Add(new PopulationEstimate
            {
                PopulationId = ++id,
                CensusYear = 2021,
                AreaKey = cell.Area.AreaKey,
                EthnicityKey = cell.Ethnicity.EthnicityKey,
                AgeBandKey = cell.AgeBand.AgeBandKey,
                GenderKey = cell.Sex.GenderKey,
                Residents = cell.Residents,
            });
        }
    }

    private static void WriteAll<T>(IWarehouseSink sink, IEnumerable<T> rows) where T : class
    {
        var table = sink.Table<T>();
        foreach (var row in rows)
        {
            table.Add(row);
        }
    }
}

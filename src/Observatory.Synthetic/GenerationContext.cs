using Bogus;
using Observatory.Synthetic.Calibration;
using Observatory.Synthetic.People;
using Observatory.Synthetic.Population;
using Observatory.Synthetic.Sampling;
using Observatory.Warehouse;
using Observatory.Warehouse.Loading;
using Observatory.Warehouse.Model.Dimensions;
using Observatory.Warehouse.Model.Facts;
using Observatory.Warehouse.Reference;

namespace Observatory.Synthetic;

/// <summary>
/// Everything the generators share for one load: the seeded random streams, lookups, sinks and id counters.
/// Each generator owns the streams it draws from (<see cref="SeedStreams"/>), named by what they decide and,
/// where there is one per service, programme or register, by its code:
/// <c>referral-days</c> (the day of each referral in its month), <c>people</c> (who is referred),
/// <c>residents</c> (a new person's characteristics), <c>recording</c> (what the service records of them),
/// <c>pathway</c> (the course of a mainstream referral), <c>scores</c> (Talking Therapies PHQ-9 and GAD-7),
/// <c>appointments</c> (booked contacts), <c>outcomes</c> (programme questionnaires), <c>programme</c> (the
/// course of a Growing Minds referral), <c>register:SMI</c> (health checks and leaving the register) and
/// <c>balanced</c> (one offset per balanced-sampling stratum).
/// </summary>
public sealed class GenerationContext
{
    private readonly Dictionary<string, Service> _services;
    private readonly Dictionary<string, EndReason> _endReasons;
    private readonly Dictionary<string, ReferralSource> _sources;
    private readonly Dictionary<string, OutcomeMeasure> _measures;
    private readonly Dictionary<int, Categorical<ContactMode>> _contactModes;
    private long _nextPersonId;
    private long _nextReferralId;
    private long _nextAppointmentId;
    private long _nextOutcomeId;
    private long _nextHealthCheckId;

    public GenerationContext(
        int seed, double scale, ReferenceData reference, SyntheticParameters parameters, ReportFigures figures,
        IReadOnlyList<PopulationCell> population, IWarehouseSink sink)
    {
        Seed = seed;
        Scale = scale;
        Reference = reference;
        Parameters = parameters;
        Figures = figures;
        Population = population;
        DataCut = parameters.Period.End;
        Streams = new SeedStreams(seed);
        Balanced = new BalancedSampler(Streams);
        Referrals = sink.Table<Referral>();
        Appointments = sink.Table<Appointment>();
        Outcomes = sink.Table<ProgrammeOutcome>();
        HealthChecks = sink.Table<HealthCheck>();

        _services = reference.Services.ToDictionary(s => s.Code);
        _endReasons = reference.EndReasons.ToDictionary(e => e.Code);
        _sources = reference.ReferralSources.ToDictionary(s => s.Code);
        _measures = reference.OutcomeMeasures.ToDictionary(m => m.Code);
        var modes = reference.ContactModes.ToDictionary(m => m.Code);
        _contactModes = parameters.ContactModes.ByYear.ToDictionary(
            year => FinancialYearStart(year.Key),
            year => new Categorical<ContactMode>(year.Value.Select(share => (Lookup(modes, share.Key, "contact mode"), share.Value))));
    }

    public int Seed { get; }
    public double Scale { get; }
    public ReferenceData Reference { get; }
    public SyntheticParameters Parameters { get; }
    public ReportFigures Figures { get; }
    public IReadOnlyList<PopulationCell> Population { get; }

    /// <summary>The extract date: nothing after it is known, so referrals still running then are open.</summary>
    public DateOnly DataCut { get; }

    public SeedStreams Streams { get; }
    public BalancedSampler Balanced { get; }
    public ITableSink<Referral> Referrals { get; }
    public ITableSink<Appointment> Appointments { get; }
    public ITableSink<ProgrammeOutcome> Outcomes { get; }
    public ITableSink<HealthCheck> HealthChecks { get; }

    public Service Service(string code) => Lookup(_services, code, "service");
    public EndReason EndReason(string code) => Lookup(_endReasons, code, "ending code");
    public ReferralSource Source(string code) => Lookup(_sources, code, "referral source");
    public OutcomeMeasure Measure(string code) => Lookup(_measures, code, "outcome measure");

    public ContactMode ContactMode(DateOnly date, Randomizer random) =>
        (_contactModes.TryGetValue(Calendar.FinancialYearStart(date), out var modes)
            ? modes
            : throw new WarehouseException($"synthetic.json has no contact modes for {Calendar.FinancialYear(date)}.")).Draw(random);

    /// <summary>
    /// The people a service, programme or register (<paramref name="owner"/>) draws its referrals from, with
    /// streams of their own for who is chosen and for a new person's characteristics.
    /// </summary>
    public PersonPool PeopleFor(string owner, Func<PopulationCell, double> relativeAccess, double rereferralShare = 0.1) =>
        PersonPool.For(Population, relativeAccess, new PersonFactory(this, owner), Streams.For("people", owner), rereferralShare);

    /// <summary>What <paramref name="owner"/> records of the people it sees, drawn from its own stream.</summary>
    public Recorder RecorderFor(string owner) => new(Reference, Parameters.Recording, Streams.For("recording", owner));

    /// <summary>2021 for "2021/22".</summary>
    public static int FinancialYearStart(string label) =>
        int.TryParse(label.AsSpan(0, Math.Min(4, label.Length)), System.Globalization.CultureInfo.InvariantCulture, out var year)
            ? year
            : throw new WarehouseException($"synthetic.json: '{label}' is not a financial year like 2021/22.");

    public long NextPersonId() => ++_nextPersonId;
    public long NextReferralId() => ++_nextReferralId;
    public long NextAppointmentId() => ++_nextAppointmentId;
    public long NextOutcomeId() => ++_nextOutcomeId;
    public long NextHealthCheckId() => ++_nextHealthCheckId;

    /// <summary>
    /// Rates worsen with deprivation: a completion-type rate is multiplied by 1 + step x (decile - 3),
    /// a drop-out-type rate by 1 - step x (decile - 3) (synthetic.json 'deprivation').
    /// </summary>
    public double ForDeprivation(double rate, Area area, bool higherIsWorse = false)
    {
        var step = Parameters.Deprivation.StepPerDecile * (area.ImdDecile - 3);
        return Math.Clamp(rate * (higherIsWorse ? 1 - step : 1 + step), 0.001, 0.999);
    }

    private static T Lookup<T>(Dictionary<string, T> values, string key, string what) =>
        values.TryGetValue(key, out var value)
            ? value
            : throw new WarehouseException($"synthetic.json names unknown {what} '{key}'.");
}

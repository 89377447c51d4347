using Observatory.Indicators.Statistics;

namespace Observatory.Indicators.Catalogue;

/// <summary>What kind of figure an indicator is, which decides its statistics.</summary>
public enum IndicatorUnit
{
    /// <summary>A count of events or people (Byar's interval, exact below 10).</summary>
    Count,
    /// <summary>A share of a denominator (Wilson score interval).</summary>
    Proportion,
    /// <summary>Events per 100,000 residents of the census population (Byar's interval on the count).</summary>
    RatePer100000,
    /// <summary>A mean of a measured quantity (t-distribution interval), e.g. days or questionnaire points.</summary>
    Mean,
}

/// <summary>The periods values are given for.</summary>
public enum PeriodType
{
    Month,
    Quarter,
    FinancialYear,
    Rolling12Months,

    /// <summary>A run of days a caller names when evaluating an indicator live; never stored, never in the catalogue.</summary>
    DateRange,
}

/// <summary>
/// One indicator of the catalogue (<c>seed/indicators/*.yaml</c>): what it answers, how it is counted, how it is
/// judged. Filters and aggregates are written in OData syntax over the feed's entity sets, so each one is also a
/// URL an analyst can run.
/// </summary>
public sealed record IndicatorDefinition
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public required string Theme { get; init; }
    public required string Question { get; init; }

    /// <summary>The fact entity set counted (Referrals, HealthChecks, ProgrammeOutcomes).</summary>
    public required string Facts { get; init; }

    /// <summary>OData <c>$filter</c> expression selecting the fact rows the indicator is about.</summary>
    public string? Filter { get; init; }

    /// <summary>The date navigation of the fact that places a row in a period (e.g. EndDate).</summary>
    public required string PeriodDate { get; init; }

    public required MeasureDefinition Numerator { get; init; }
    public MeasureDefinition? Denominator { get; init; }
    public required IndicatorUnit Unit { get; init; }

    /// <summary>What the values are measured in, for display (e.g. "%", "per 100,000", "days", "points").</summary>
    public required string UnitLabel { get; init; }

    public required Polarity Polarity { get; init; }
    public TargetDefinition? Target { get; init; }
    public required IReadOnlyList<string> Breakdowns { get; init; }
    public required IReadOnlyList<PeriodType> Periods { get; init; }
    public required string Source { get; init; }
    public IReadOnlyList<string> Caveats { get; init; } = [];

    /// <summary>Reference groups chosen for this indicator, by breakdown (group codes), in place of the breakdowns' own.</summary>
    public IReadOnlyDictionary<string, string> ReferenceGroups { get; init; } = new Dictionary<string, string>();

    /// <summary>The group values of a breakdown are compared with: the indicator's choice, else the breakdown's.</summary>
    public string? ReferenceGroup(Breakdown breakdown) => ReferenceGroups.GetValueOrDefault(breakdown.Id) ?? breakdown.Reference;
}

/// <summary>A numerator or denominator: in words, and as an OData aggregate over the indicator's rows.</summary>
public sealed record MeasureDefinition
{
    public required string Description { get; init; }

    /// <summary>
    /// <c>$count</c>, <c>Property with sum</c> or <c>Property with countdistinct</c> over the indicator's fact rows;
    /// absent for a population denominator.
    /// </summary>
    public string? Aggregate { get; init; }

    /// <summary>An extra OData filter for this measure only, added to the indicator's.</summary>
    public string? Filter { get; init; }

    /// <summary>For a rate: an OData filter over PopulationEstimates choosing the residents counted.</summary>
    public string? Population { get; init; }
}

/// <summary>A national standard the indicator is held to.</summary>
public sealed record TargetDefinition(double Value, string Description);

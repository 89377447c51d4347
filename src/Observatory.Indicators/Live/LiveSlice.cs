namespace Observatory.Indicators.Live;

/// <summary>A slice of an indicator asked for live, as the caller wrote it.</summary>
/// <param name="Period">A financial year, a quarter, a month, 12 months or a run of days (<see cref="LivePeriods"/>).</param>
/// <param name="Area">The ICS or one of its boroughs, by name.</param>
/// <param name="Breakdown">'overall' or one of the indicator's breakdowns.</param>
/// <param name="Filter">A condition over the indicator's facts, in $filter syntax, added to the indicator's own; none for every row.</param>
public sealed record LiveSlice(string Period, string Area, string Breakdown, string? Filter);

/// <summary>Who asks for a live value: the level it is released at, and the rows of each set the caller may count.</summary>
/// <param name="Controlled">Whether values are released at the controlled level (cell-key protection, filters that pick categories).</param>
/// <param name="RowCondition">The caller's row condition for a set (by name) in $filter syntax, or null for every row.</param>
public sealed record LiveCaller(bool Controlled, Func<string, CancellationToken, ValueTask<string?>> RowCondition);

namespace Observatory.Api.Feed.Reading;

// Holders that EF Core translates as member-initialised projections: the grouping key of a $apply (up to eight
// properties) and its result row (up to sixteen columns). Unused type arguments are filled with int and never bound.

#pragma warning disable CA1005 // Avoid excessive parameters on generic types: one type argument per grouped or aggregated column.

public sealed class GroupKey<T1, T2, T3, T4, T5, T6, T7, T8>
{
    public T1 P1 { get; set; } = default!;
    public T2 P2 { get; set; } = default!;
    public T3 P3 { get; set; } = default!;
    public T4 P4 { get; set; } = default!;
    public T5 P5 { get; set; } = default!;
    public T6 P6 { get; set; } = default!;
    public T7 P7 { get; set; } = default!;
    public T8 P8 { get; set; } = default!;
}

public sealed class ApplyRow<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>
{
    public T1 P1 { get; set; } = default!;
    public T2 P2 { get; set; } = default!;
    public T3 P3 { get; set; } = default!;
    public T4 P4 { get; set; } = default!;
    public T5 P5 { get; set; } = default!;
    public T6 P6 { get; set; } = default!;
    public T7 P7 { get; set; } = default!;
    public T8 P8 { get; set; } = default!;
    public T9 P9 { get; set; } = default!;
    public T10 P10 { get; set; } = default!;
    public T11 P11 { get; set; } = default!;
    public T12 P12 { get; set; } = default!;
    public T13 P13 { get; set; } = default!;
    public T14 P14 { get; set; } = default!;
    public T15 P15 { get; set; } = default!;
    public T16 P16 { get; set; } = default!;
}

#pragma warning restore CA1005

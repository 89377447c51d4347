namespace Observatory.Tests.Templates;

/// <summary>The sample's fact table: tt-recovery's measures in the generator's shapes (a Wilson interval at 95%).</summary>
internal static class TmdlSampleTables
{
    public static readonly string Referrals = TmdlSamples.Table("Referrals", "Referrals",
        ("ReferralId", "int64"), ("ServiceKey", "int64"), ("AgeBandKey", "int64"), ("ReferralDateKey", "int64"), ("EndDateKey", "int64"),
        ("Recovered", "int64"), ("FinishedAtCaseness", "int64"), ("WaitToTreatmentDays", "int64")) + """

                /// Referrals ending in the period that recovered.
                measure 'Recovery rate numerator' =
                        CALCULATE (
                            SUM ( Referrals[Recovered] ),
                            USERELATIONSHIP ( Referrals[EndDateKey], Dates[DateKey] ),
                            KEEPFILTERS ( Services[Code] = "TT" ),
                            KEEPFILTERS ( NOT ISBLANK ( Referrals[EndDateKey] ) )
                        )
                    isHidden
                    annotation ObservatoryIndicator = tt-recovery
                    annotation ObservatoryPart = numerator

                measure 'Recovery rate denominator' =
                        CALCULATE (
                            SUM ( Referrals[FinishedAtCaseness] ),
                            USERELATIONSHIP ( Referrals[EndDateKey], Dates[DateKey] ),
                            KEEPFILTERS ( Services[Code] = "TT" ),
                            KEEPFILTERS ( NOT ISBLANK ( Referrals[EndDateKey] ) )
                        )
                    isHidden
                    annotation ObservatoryIndicator = tt-recovery
                    annotation ObservatoryPart = denominator

                measure 'Recovery rate' =
                        VAR x = [Recovery rate numerator]
                        VAR n = [Recovery rate denominator]
                        RETURN DIVIDE ( x, n )
                    formatString: 0.0%
                    annotation ObservatoryIndicator = tt-recovery
                    annotation ObservatoryPart = value

                measure 'Recovery rate lower 95%' =
                        VAR x = [Recovery rate numerator]
                        VAR n = [Recovery rate denominator]
                        VAR z = 1.959963984540054 // the normal quantile of 97.5%
                        VAR p = DIVIDE ( x, n )
                        RETURN
                            IF ( n > 0, MAX ( 0, ( 2 * x + z ^ 2 - z * SQRT ( z ^ 2 + 4 * x * ( 1 - p ) ) ) / ( 2 * ( n + z ^ 2 ) ) ) )
                    formatString: 0.0%
                    annotation ObservatoryIndicator = tt-recovery
                    annotation ObservatoryPart = lower95

                measure 'Recovery rate upper 95%' =
                        VAR x = [Recovery rate numerator]
                        VAR n = [Recovery rate denominator]
                        VAR z = 1.959963984540054
                        VAR p = DIVIDE ( x, n )
                        RETURN
                            IF ( n > 0, MIN ( 1, ( 2 * x + z ^ 2 + z * SQRT ( z ^ 2 + 4 * x * ( 1 - p ) ) ) / ( 2 * ( n + z ^ 2 ) ) ) )
                    formatString: 0.0%
                    annotation ObservatoryIndicator = tt-recovery
                    annotation ObservatoryPart = upper95

            """;
}

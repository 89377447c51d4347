namespace Observatory.Warehouse.Definitions;

/// <summary>The outcome flags of one referral, each 0 or 1 as stored in the Referrals fact.</summary>
public readonly record struct ReferralOutcome(
    int EnteredTreatment,
    int FinishedTreatment,
    int DroppedOut,
    int AtCaseness,
    int FinishedAtCaseness,
    int Recovered,
    int ReliablyImproved,
    int ReliablyRecovered);

namespace Observatory.Synthetic.Sampling;

/// <summary>
/// Systematic (balanced) Bernoulli sampling: within each stratum the number of successes never differs from
/// the sum of the units' probabilities by a whole unit or more. Unit k succeeds when floor(S_k + u) exceeds
/// floor(S_(k-1) + u), where S is the running sum of probabilities and u a random offset per stratum.
/// Rates that the warehouse must show (drop-out higher in each group than White, 60% of SMI checks) then hold
/// for every random seed, while who succeeds still depends on the seed and each person's own probability.
/// Each stratum's offset comes from a stream of its own (<c>balanced:</c> and the stratum's name), so it does
/// not depend on which strata were met before it.
/// </summary>
public sealed class BalancedSampler(SeedStreams streams)
{
    private readonly Dictionary<string, Stratum> _strata = [];

    public bool Next(string stratum, double probability)
    {
        if (!_strata.TryGetValue(stratum, out var state))
        {
            state = new Stratum { Offset = streams.For("balanced", stratum).Double() };
            _strata.Add(stratum, state);
        }

        var p = Math.Clamp(probability, 0, 1);
        var before = Math.Floor(state.Sum + state.Offset);
        state.Sum += p;
        return Math.Floor(state.Sum + state.Offset) > before;
    }

    private sealed class Stratum
    {
        public double Sum;
        public double Offset;
    }
}

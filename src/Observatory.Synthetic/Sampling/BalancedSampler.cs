using Bogus;

namespace Observatory.Synthetic.Sampling;

/// <summary>
/// Systematic (balanced) Bernoulli sampling: within each stratum the number of successes never differs from
/// the sum of the units' probabilities by a whole unit or more. Unit k succeeds when floor(S_k + u) exceeds
/// floor(S_(k-1) + u), where S is the running sum of probabilities and u a random offset per stratum.
/// Rates that the warehouse must show (drop-out higher in each group than White, 60% of SMI checks) then hold
/// for every random seed, while who succeeds still depends on the seed and each person's own probability.
/// </summary>
public sealed class BalancedSampler(Randomizer random)
{
    private readonly Dictionary<string, Stratum> _strata = [];

    public bool Next(string stratum, double probability)
    {
        if (!_strata.TryGetValue(stratum, out var state))
        {
            state = new Stratum { Offset = random.Double() };
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

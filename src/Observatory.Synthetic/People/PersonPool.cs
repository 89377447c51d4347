using Bogus;
using Observatory.Synthetic.Population;
using Observatory.Synthetic.Sampling;

namespace Observatory.Synthetic.People;

/// <summary>
/// Who a service's referrals are for: residents drawn from the census cells in proportion to residents x the
/// service's relative access by ethnic group and age, with some people referred again (a bounded list of
/// recent referrals, so memory does not grow with the data set). The pool draws from a stream of its own.
/// </summary>
public sealed class PersonPool(Categorical<PopulationCell> cells, PersonFactory factory, Randomizer random, double rereferralShare)
{
    private const int RecentCapacity = 2000;
    private readonly Person[] _recent = new Person[RecentCapacity];
    private int _recentCount;
    private int _recentNext;

    public static PersonPool For(
        IReadOnlyList<PopulationCell> population,
        Func<PopulationCell, double> relativeAccess,
        PersonFactory factory,
        Randomizer random,
        double rereferralShare) =>
        new(new Categorical<PopulationCell>(population.Select(c => (c, c.Residents * relativeAccess(c)))), factory, random, rereferralShare);

    public Person Next()
    {
        if (_recentCount > 0 && random.Chance(rereferralShare))
        {
            return _recent[random.Int(0, _recentCount - 1)];
        }

        var person = factory.Create(cells.Draw(random));
        _recent[_recentNext] = person;
        _recentNext = (_recentNext + 1) % RecentCapacity;
        _recentCount = Math.Min(_recentCount + 1, RecentCapacity);
        return person;
    }
}

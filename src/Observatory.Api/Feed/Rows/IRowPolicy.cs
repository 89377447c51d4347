using Observatory.Warehouse.Model.Indicators;

namespace Observatory.Api.Feed.Rows;

/// <summary>
/// Which rows of a set the current caller may see. Applied once, in <see cref="FeedRows"/>, to every query the
/// feed runs (entity sets, keys, $expand roots, $apply, $batch parts), so it always ends up in the SQL.
/// Row-level security by organisation plugs in here; until identity exists every caller sees every row.
/// </summary>
public interface IRowPolicy
{
    IQueryable<T> Apply<T>(IQueryable<T> rows, HttpContext caller) where T : class;
}

/// <summary>
/// The policy before sign-in exists (the host listens on loopback only): every row of every set, except that
/// indicator values are those of the caller's disclosure level (<see cref="IDisclosurePolicy"/>).
/// </summary>
public sealed class CallerRows(IDisclosurePolicy disclosure) : IRowPolicy
{
    public IQueryable<T> Apply<T>(IQueryable<T> rows, HttpContext caller) where T : class
    {
        if (rows is IQueryable<IndicatorValue> values)
        {
            var level = disclosure.LevelFor(caller);
            return (IQueryable<T>)values.Where(v => v.Disclosure == level);
        }

        return rows;
    }
}

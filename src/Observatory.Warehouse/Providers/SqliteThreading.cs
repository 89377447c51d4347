using System.Runtime.CompilerServices;
using SQLitePCL;

namespace Observatory.Warehouse.Providers;

/// <summary>
/// SQLite in multi-thread mode. The library's default, serialized mode, takes a connection's mutex on every call,
/// every column read included: a page of an export reads 170,000 values, and the locking made reading a row about
/// half as fast. Every connection here is used by one thread at a time (a pooled connection passes between threads,
/// never shared by two at once), which is all multi-thread mode asks; interrupting a statement from another thread
/// remains allowed.
/// </summary>
internal static class SqliteThreading
{
#pragma warning disable CA2255 // The mode must be set before SQLite is first used, by whichever code uses it first.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseMultiThreadMode()
    {
        Batteries_V2.Init();
        // SQLITE_MISUSE when SQLite was initialised already (another component used it first): it stays serialized, slower but correct.
        _ = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);
    }
}

using System.Runtime.InteropServices;

namespace Observatory.Warehouse.Loading.Sqlite;

/// <summary>
/// The few SQLite calls the bulk writer makes per value, bound straight to the native library that
/// Microsoft.Data.Sqlite ships (e_sqlite3). The managed wrapper adds a safe-handle reference count and a
/// provider dispatch to every call, which at tens of millions of values is most of the load time.
/// Statements are still prepared and finalised through the managed wrapper, which owns their lifetime.
/// Binding a number only stores it in the statement (no I/O, no locks on a no-mutex connection), so those
/// calls also skip the runtime's GC transition.
/// </summary>
internal static partial class NativeSqlite
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.</summary>
    public static readonly IntPtr Transient = new(-1);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    public static partial int BindInt64(IntPtr statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    [SuppressGCTransition]
    public static partial int BindDouble(IntPtr statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    public static partial int BindNull(IntPtr statement, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    public static unsafe partial int BindText(IntPtr statement, int index, byte* utf8, int bytes, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(IntPtr statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    public static partial int Reset(IntPtr statement);
}

namespace Observatory.Warehouse;

/// <summary>A problem the user can act on (bad option, unreachable database, incompatible warehouse); its message says what to do.</summary>
public sealed class WarehouseException : Exception
{
    public WarehouseException(string message) : base(message) { }

    public WarehouseException(string message, Exception inner) : base(message, inner) { }

    public WarehouseException() { }
}

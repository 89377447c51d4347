using Observatory.Access.Store;

namespace Observatory.Cli.Commands;

/// <summary>
/// Where the service store is (keys, audit trail): beside the warehouse by default, found as the host finds it, or
/// where <c>ConnectionStrings:Service</c> and <c>Service:Schema</c> say.
/// </summary>
public class ServiceSettings : WarehouseSettings
{
    public ServiceStore OpenStore() => new(ServiceStoreOptions.Read(Configuration(), ToOptions()));
}

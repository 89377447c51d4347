namespace Observatory.Warehouse.Loading;

/// <summary>
/// The warehouse a host loads at its first start when it finds none: the synthetic demo, registered only by a host
/// that carries the generator (a production build leaves it out and must be loaded with 'observatory seed' or a real extract).
/// </summary>
/// <param name="Source">What the load writes.</param>
/// <param name="Description">How the host's log names it.</param>
public sealed record DemoWarehouse(IWarehouseSource Source, string Description);

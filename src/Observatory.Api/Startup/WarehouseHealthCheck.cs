using Microsoft.Extensions.Diagnostics.HealthChecks;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Startup;

/// <summary>Ready when the warehouse answers: it exists, it is a warehouse, and a load record can be read from it.</summary>
public sealed class WarehouseHealthCheck(WarehouseDatabase database) : IHealthCheck
{
    private static readonly SqlStatement LoadCount = new("SELECT COUNT(*) FROM \"WarehouseLoads\"", []);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenForReadingAsync(cancellationToken);
            var loads = await database.ReadNumberAsync(connection, LoadCount, cancellationToken);
            return loads > 0 ? HealthCheckResult.Healthy("The warehouse answers.") : HealthCheckResult.Unhealthy("The warehouse holds no load yet.");
        }
        catch (WarehouseUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}

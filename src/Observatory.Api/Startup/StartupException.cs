using System.Data.Common;
using Observatory.Warehouse;

namespace Observatory.Api.Startup;

/// <summary>A configuration or warehouse problem that stops the host from starting; its message says what to do.</summary>
public sealed class StartupException : Exception
{
    public StartupException(string message) : base(message) { }

    public StartupException(string message, Exception inner) : base(message, inner) { }

    public StartupException() { }

    /// <summary>
    /// Failures a user can act on from the message alone: configuration, the warehouse, the database, the file
    /// system. Anything else is a defect and keeps its stack trace.
    /// </summary>
    public static bool IsExpected(Exception e) =>
        e is StartupException or WarehouseException or DbException or IOException or UnauthorizedAccessException
            or Observatory.Indicators.Catalogue.CatalogueException or Observatory.Dashboards.Definitions.DashboardException or Microsoft.Extensions.Options.OptionsValidationException
            or InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" };
}

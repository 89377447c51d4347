using System.Data.Common;

namespace Observatory.Access.Store;

/// <summary>The service store (keys, audit trail) cannot be read or written now; the request may be tried again.</summary>
public sealed class ServiceStoreUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    public static TimeSpan RetryAfter => TimeSpan.FromSeconds(15);

    /// <summary>The failure as an unavailable store, when it is one (the database refused, timed out or could not be reached).</summary>
    public static ServiceStoreUnavailableException? From(Exception failure, ServiceStoreOptions store)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is DbException or TimeoutException or IOException or System.Net.Sockets.SocketException)
            {
                return new ServiceStoreUnavailableException(
                    $"The service store ({store.Describe()}), which holds the API keys, cannot be read at the moment: {Short(e.Message)}", failure);
            }
        }

        return null;
    }

    private static string Short(string message) => message.Length <= 200 ? message : message[..200] + "…";
}

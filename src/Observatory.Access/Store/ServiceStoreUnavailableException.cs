using System.Data.Common;

namespace Observatory.Access.Store;

/// <summary>The service store (keys, audit trail) cannot be read or written now; the request may be tried again.</summary>
public sealed class ServiceStoreUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    public static TimeSpan RetryAfter => TimeSpan.FromSeconds(15);

    /// <summary>Where the store is and what its database said: for the operator's log, never for a response.</summary>
    public string Detail { get; init; } = "";

    /// <summary>The failure as an unavailable store, when it is one (the database refused, timed out or could not be reached).</summary>
    public static ServiceStoreUnavailableException? From(Exception failure, ServiceStoreOptions store)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is DbException or TimeoutException or IOException or System.Net.Sockets.SocketException)
            {
                // The message reaches callers who are not signed in yet: it names nothing of the server. The cause is
                // in Detail, for the log.
                return new ServiceStoreUnavailableException(
                    "The service store, which holds the API keys, cannot be read at the moment. Try again shortly.", failure)
                {
                    Detail = $"{store.Describe()}: {Short(e.Message)}",
                };
            }
        }

        return null;
    }

    private static string Short(string message) => message.Length <= 200 ? message : message[..200] + "…";
}

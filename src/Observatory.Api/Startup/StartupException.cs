namespace Observatory.Api.Startup;

/// <summary>A configuration or warehouse problem that stops the host from starting; its message says what to do.</summary>
public sealed class StartupException : Exception
{
    public StartupException(string message) : base(message) { }

    public StartupException(string message, Exception inner) : base(message, inner) { }

    public StartupException() { }
}

namespace Observatory.Access;

/// <summary>A request about access (a role, a scope, a key) that cannot be met; the message says what to change.</summary>
public sealed class AccessException(string message) : Exception(message);

namespace Observatory.Access.Store;

/// <summary>
/// An API key as the service store keeps it: never the key itself, only its public identifier (the part after
/// <c>obs_</c>, used to find the row) and the SHA-256 of the whole key.
/// </summary>
public sealed class ApiKey
{
    public int ApiKeyId { get; set; }

    /// <summary>What the key is called (unique among keys not revoked); audit rows name it.</summary>
    public string Name { get; set; } = "";

    /// <summary>The key's public identifier, printed in the key itself and in 'keys list'.</summary>
    public string KeyId { get; set; } = "";

    public byte[] SecretHash { get; set; } = [];

    public string Role { get; set; } = "";

    /// <summary><c>provider:CODE</c>, <c>borough:NAME</c> or null for every row the role may read.</summary>
    public string? Scope { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

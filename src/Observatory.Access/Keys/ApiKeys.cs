using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Observatory.Access.Roles;
using Observatory.Access.Store;

namespace Observatory.Access.Keys;

/// <summary>An API key as anyone may see it: everything but the secret.</summary>
public sealed record ApiKeyInfo(string Name, string KeyId, Role Role, AccessScope? Scope, DateTime CreatedAt, DateTime ExpiresAt,
    DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public string State(DateTime now) => RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : "active";
}

/// <summary>A new key: its description, and the key itself, which is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key);

/// <summary>The outcome of presenting a key: the key's description, or why it is refused.</summary>
public sealed record ApiKeyCheck(ApiKeyInfo? Key, string? Refusal);

/// <summary>
/// API keys for scripts, scheduled refreshes and Power BI's "Web API" credential. A key reads
/// <c>obs_{id}_{secret}</c>: 12 hex digits that find its row, then 32 random bytes (base64url). The store keeps
/// only the SHA-256 of the whole key; a key that long is beyond guessing, so a slow password hash would add nothing
/// but latency to every request. The presented key's hash is compared with the stored one in constant time.
/// </summary>
public sealed class ApiKeys(ServiceStore store, TimeProvider time)
{
    public const string Prefix = "obs_";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(365);

    // A key's last-used time is written at most once a minute per process: every request must not become a write.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTime> _touched = new(StringComparer.Ordinal);

    public async Task<CreatedApiKey> CreateAsync(string name, Role role, DateTime? expiresAt, AccessScope? scope, CancellationToken cancellationToken = default)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, @"\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z"))
        {
            throw new AccessException($"The key name '{name}' is not valid: use up to 64 letters, digits, '.', '_' and '-', starting with a letter or digit.");
        }

        var now = Now();
        var expires = expiresAt ?? now.Add(DefaultLifetime);
        if (expires <= now)
        {
            throw new AccessException($"The expiry {expires:yyyy-MM-dd} has passed: give a date after today.");
        }

        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var key = $"{Prefix}{keyId}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        await using var context = await store.OpenAsync(cancellationToken);
        if (await context.ApiKeys.AnyAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken))
        {
            throw new AccessException($"A key named '{name}' already exists: revoke it first ('observatory keys revoke {name}') or choose another name.");
        }

        var row = new ApiKey
        {
            Name = name, KeyId = keyId, SecretHash = Hash(key), Role = role.ToString(), Scope = scope?.ToString(),
            CreatedAt = now, ExpiresAt = expires,
        };
        context.ApiKeys.Add(row);
        await context.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(Describe(row), key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await store.OpenAsync(cancellationToken);
        var rows = await context.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ThenBy(k => k.ApiKeyId).ToListAsync(cancellationToken);
        return rows.Select(Describe).ToList();
    }

    /// <returns>The key revoked.</returns>
    public async Task<ApiKeyInfo> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var context = await store.OpenAsync(cancellationToken);
        var row = await context.ApiKeys.SingleOrDefaultAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken)
            ?? throw new AccessException($"There is no active key named '{name}': 'observatory keys list' shows them.");
        row.RevokedAt = Now();
        await context.SaveChangesAsync(cancellationToken);
        return Describe(row);
    }

    /// <summary>Checks a presented key; records when it was last used.</summary>
    /// <exception cref="ServiceStoreUnavailableException">The store cannot be read now.</exception>
    public async Task<ApiKeyCheck> CheckAsync(string presented, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CheckStoredAsync(presented, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && ServiceStoreUnavailableException.From(e, store.Options) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private async Task<ApiKeyCheck> CheckStoredAsync(string presented, CancellationToken cancellationToken)
    {
        const string NotValid = "The API key is not valid.";
        // The secret is base64url, which has underscores of its own.
        var parts = presented.Split('_', 3);
        if (parts.Length != 3 || parts[0] + "_" != Prefix || parts[1].Length != 12 || parts[2].Length != 43)
        {
            return new(null, NotValid);
        }

        await using var context = await store.OpenAsync(cancellationToken);
        var row = await context.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == parts[1], cancellationToken);
        if (row is null || !CryptographicOperations.FixedTimeEquals(Hash(presented), row.SecretHash))
        {
            return new(null, NotValid);
        }

        var now = Now();
        if (row.RevokedAt is { } revoked)
        {
            return new(null, $"The API key '{row.Name}' was revoked on {revoked:yyyy-MM-dd}.");
        }

        if (row.ExpiresAt <= now)
        {
            return new(null, $"The API key '{row.Name}' expired on {row.ExpiresAt:yyyy-MM-dd}: ask an administrator for a new one.");
        }

        if (!_touched.TryGetValue(row.KeyId, out var last) || now - last >= TouchInterval)
        {
            _touched[row.KeyId] = now;
            await context.ApiKeys.Where(k => k.ApiKeyId == row.ApiKeyId).ExecuteUpdateAsync(k => k.SetProperty(p => p.LastUsedAt, now), cancellationToken);
        }

        return new(Describe(row), null);
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static ApiKeyInfo Describe(ApiKey row) => new(row.Name, row.KeyId, Roles.Roles.Parse(row.Role), AccessScope.Parse(row.Scope),
        DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc), DateTime.SpecifyKind(row.ExpiresAt, DateTimeKind.Utc),
        row.LastUsedAt is { } used ? DateTime.SpecifyKind(used, DateTimeKind.Utc) : null,
        row.RevokedAt is { } revoked ? DateTime.SpecifyKind(revoked, DateTimeKind.Utc) : null);
}

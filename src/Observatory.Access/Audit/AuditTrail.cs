using Microsoft.EntityFrameworkCore;
using Observatory.Access.Store;

namespace Observatory.Access.Audit;

/// <summary>The append-only record of answered requests, kept in the service store so that it survives every load.</summary>
public sealed class AuditTrail(ServiceStore store)
{
    public async Task AppendAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var context = await store.OpenAsync(cancellationToken);
        context.AuditEntries.AddRange(entries);
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Entries oldest first, from <paramref name="since"/> on, of one identity if given, at most <paramref name="limit"/> (the latest).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTime? since, string? identity, int limit, CancellationToken cancellationToken = default)
    {
        await using var context = await store.OpenAsync(cancellationToken);
        var query = context.AuditEntries.AsNoTracking();
        if (since is { } from)
        {
            query = query.Where(e => e.At >= from);
        }

        if (!string.IsNullOrEmpty(identity))
        {
            query = query.Where(e => e.Identity == identity);
        }

        var latest = await query.OrderByDescending(e => e.AuditEntryId).Take(limit).ToListAsync(cancellationToken);
        latest.Reverse();
        return latest;
    }
}

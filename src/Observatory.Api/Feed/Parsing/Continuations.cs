using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Observatory.Api.Feed.Parsing;

/// <summary>
/// Queries too long to repeat in a next link (a long POST .../$query): the next page's query is kept here under an
/// opaque token for an hour after its last use, and the link carries only <c>$skiptoken=~token</c> (Protocol
/// 11.2.6.7: next links are opaque). Kept in this process's memory, bounded in size; a token that has expired, or
/// that another instance issued, is answered 410 Gone with what to do.
/// </summary>
public sealed class Continuations : IDisposable
{
    public const char Marker = '~';
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    private readonly MemoryCache _queries = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    /// <summary>Keeps a query string and returns its token (the same query always has the same token).</summary>
    public string Keep(string queryString)
    {
        var token = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(queryString)))[..27].Replace('+', '-').Replace('/', '_');
        _queries.Set(token, queryString, new MemoryCacheEntryOptions { Size = queryString.Length * 2L, SlidingExpiration = KeptFor });
        return Marker + token;
    }

    /// <summary>The query string kept under a token.</summary>
    /// <exception cref="FeedRequestException">410: the token is unknown or has expired.</exception>
    public string Resume(string token) =>
        _queries.TryGetValue(token.TrimStart(Marker), out string? query) && query is not null
            ? query
            : throw new FeedRequestException(StatusCodes.Status410Gone, "ContinuationExpired",
                "This next link has expired (it is kept for an hour after its last use, by the server that issued it). Send the query again.");

    public void Dispose() => _queries.Dispose();
}

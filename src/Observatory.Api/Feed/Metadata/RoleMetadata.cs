using Microsoft.Extensions.Options;
using Observatory.Access.Roles;
using Observatory.Api.Feed.Limits;
using Observatory.Api.Security;

namespace Observatory.Api.Feed.Metadata;

/// <summary>
/// $metadata and the service document as each role sees them: only the sets the role may read, so that Power BI's
/// navigator offers only tables that load. Requests are still parsed against the whole model, so a set the role may
/// not read answers 403 (naming it), not 404.
/// </summary>
public sealed class RoleMetadata(IOptions<FeedLimits> limits)
{
    private readonly Lazy<MetadataDocuments> _everything = new(() => new MetadataDocuments(FeedCapabilities.Build(limits.Value)));
    private readonly Lazy<MetadataDocuments> _aggregates = new(() => new MetadataDocuments(
        FeedCapabilities.Build(limits.Value, set => SetAccess.MayRead(Role.Researcher, set))));

    // Board and Researcher read the same sets (SetAccess); Admin and Analyst read them all. An Embedder never gets here:
    // it is refused everything but minting as it signs in (EmbeddingExtensions.UseEmbedding).
    public MetadataDocuments For(Role role) => role is Role.Admin or Role.Analyst ? _everything.Value : _aggregates.Value;
}

namespace Observatory.EmbeddingSample;

/// <summary>Configuration section <c>Observatory</c>: where Observatory is, which dashboard to show, and the key to mint with.</summary>
public sealed class ObservatorySettings
{
    /// <summary>Observatory's address as browsers reach it, e.g. https://observatory.cityandhackney.nhs.uk/.</summary>
    public string Url { get; set; } = "";

    public string Dashboard { get; set; } = "";

    /// <summary>A borough to lock the dashboard to, or empty for the whole ICS.</summary>
    public string Borough { get; set; } = "";

    /// <summary>
    /// The Embedder key (observatory keys create --name intranet --role Embedder). Keep it out of files: set it with
    /// the environment variable Observatory__ApiKey or dotnet user-secrets. Not needed against the demo, whose callers
    /// act as Admin.
    /// </summary>
    public string? ApiKey { get; set; }
}

/// <summary>What POST /embed/tokens answers.</summary>
public sealed record MintedToken(string Token, DateTimeOffset ExpiresAt, string Dashboard, string EmbedUrl);

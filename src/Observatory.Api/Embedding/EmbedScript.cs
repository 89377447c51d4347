using Microsoft.Net.Http.Headers;

namespace Observatory.Api.Embedding;

/// <summary>
/// <c>/embed/observatory-embed.js</c>: the helper an embedding page loads to frame a dashboard and hand it its token
/// (<c>Observatory.embed(element, options)</c>). Embedded in this assembly, served to anyone (it holds no data), cached
/// for an hour and revalidated by its entity tag, like the report assets.
/// </summary>
public static class EmbedScript
{
    public const string Path = "/embed/observatory-embed.js";
    public const string ContentType = "text/javascript; charset=utf-8";

    private static readonly byte[] Content = Read();
    private static readonly string Version = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Content))[..16];

    public static IResult Get(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(Content, ContentType, entityTag: new EntityTagHeaderValue($"\"{Version}\""));
    }

    private static byte[] Read()
    {
        using var stream = typeof(EmbedScript).Assembly.GetManifestResourceStream("embedding/observatory-embed.js")
                           ?? throw new InvalidOperationException("The embedding helper is not embedded: build the Observatory.Api project.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}

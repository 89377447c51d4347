using Microsoft.Extensions.DependencyInjection.Extensions;
using Observatory.Access.Roles;
using Observatory.Api.Embedding;
using Observatory.Api.Feed.Writing;
using Observatory.Api.Security;

namespace Observatory.Api.Extensions;

public static class EmbeddingExtensions
{
    private const string Prefix = "/embed";

    /// <summary>
    /// Signed embedding of dashboards in other applications' pages (docs/embedding.md): the signing key and the origins
    /// that may frame them, the tokens, their locked filters as row policy, and the dashboards they may be minted for.
    /// </summary>
    public static IHostApplicationBuilder AddEmbedding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EmbeddingOrigins>();
        builder.Services.AddSingleton<EmbedTokens>();
        builder.Services.AddSingleton<LockValues>();
        builder.Services.AddSingleton<LockedRows>();
        builder.Services.TryAddSingleton<IEmbeddableDashboards, NoEmbeddableDashboards>();
        return builder;
    }

    /// <summary>Whether the request is under /embed/: the embedded pages, their helper script and the minting endpoint.</summary>
    public static bool IsEmbedding(HttpRequest request) => request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// After sign-in: an Embedder does nothing but mint; an embedded page's token reaches its own dashboard only (its
    /// pages under /embed/dashboards/{id} and /dashboards/{id}) and no report. Warns, in secured mode, when tokens are
    /// signed with a key of this process only.
    /// </summary>
    public static WebApplication UseEmbedding(this WebApplication app)
    {
        if (app.Services.GetRequiredService<EmbedTokens>().IsKeyPerProcess && SecurityOptions.Resolve(app.Configuration) == SecurityMode.Secured)
        {
            app.Logger.LogWarning("Embedding:SigningKey is not set: embed tokens are signed with a key of this process, so they do not survive a restart " +
                                  "and no other instance accepts them. Set it to the base64 of 32 random bytes (openssl rand -base64 32), the same on every instance.");
        }

        app.Use(async (context, next) =>
        {
            var refusal = Caller.Of(context) switch
            {
                { Role: Role.Embedder, Embed: null } when context.Request.Path != EmbedTokenEndpoint.Path =>
                    ("Forbidden", SetAccess.EmbedderRefusal),
                { Embed: { } grant } when DashboardOf(context.Request) is { } dashboard && dashboard != grant.Dashboard =>
                    (EmbedGrant.OtherDashboardCode, EmbedGrant.OtherDashboard(grant, dashboard)),
                { Embed: { } grant } when context.Request.Path.StartsWithSegments("/reports", StringComparison.Ordinal) =>
                    ("Forbidden", $"An embed token reads its dashboard ('{grant.Dashboard}') only, not the reports."),
                _ => default((string, string)?),
            };
            if (refusal is (var code, var message))
            {
                await FeedErrors.WriteAsync(context, StatusCodes.Status403Forbidden, code, message);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>The minting endpoint, and the helper script embedding pages load (to anyone: it holds no data).</summary>
    public static WebApplication MapEmbedding(this WebApplication app)
    {
        app.MapPost(EmbedTokenEndpoint.Path, EmbedTokenEndpoint.MintAsync);
        app.MapMethods(EmbedTokenEndpoint.Path, [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], EmbedTokenEndpoint.MethodNotAllowedAsync);
        app.MapMethods(EmbedScript.Path, [HttpMethods.Get, HttpMethods.Head], EmbedScript.Get).AllowAnonymous();
        return app;
    }

    /// <summary>The dashboard a path is about: /embed/dashboards/{id}/... or /dashboards/{id}/...; null for any other.</summary>
    private static string? DashboardOf(HttpRequest request)
    {
        var path = request.Path;
        var rest = path.StartsWithSegments(Prefix + "/dashboards", StringComparison.Ordinal, out var embedded) ? embedded
            : path.StartsWithSegments("/dashboards", StringComparison.Ordinal, out var direct) ? direct
            : (PathString?)null;
        var id = rest?.Value?.TrimStart('/').Split('/')[0];
        return string.IsNullOrEmpty(id) ? null : id;
    }
}

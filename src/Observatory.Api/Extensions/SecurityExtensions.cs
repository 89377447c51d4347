using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Observatory.Access.Audit;
using Observatory.Access.Keys;
using Observatory.Access.Store;
using Observatory.Api.Embedding;
using Observatory.Api.Feed.Rows;
using Observatory.Api.Feed.Writing;
using Observatory.Api.Security;
using Observatory.Api.Startup;
using Observatory.Warehouse;

namespace Observatory.Api.Extensions;

public static class SecurityExtensions
{
    private const string Selecting = "Observatory";

    /// <summary>
    /// Who may call and what they see: the mode (demo or secured), sign-in by Entra ID token, API key or embed token,
    /// roles and row scopes, disclosure by role, the audit trail, per-caller rate limits and the service store behind them.
    /// </summary>
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        var mode = SecurityOptions.Resolve(builder.Configuration);
        RedactingLoggerFactory.Install(builder.Services);
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DisclosureOptions>().BindConfiguration(DisclosureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new ServiceStore(ServiceStoreOptions.Read(
            services.GetRequiredService<IConfiguration>(), services.GetRequiredService<WarehouseOptions>())));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<AuditRecorder>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AuditRecorder>());
        builder.Services.AddSingleton<Challenges>();
        builder.Services.AddSingleton<IDisclosurePolicy, RoleDisclosure>();
        // The stored values' protection (the load's IndicatorStep), the feed's counts and its live indicators share one perturbation table.
        builder.Services.AddSingleton(new Indicators.Disclosure.CellKeys(Indicators.Disclosure.DisclosureRules.Default));
        builder.Services.AddSingleton(services => new Query.Sql.ControlledCounts(services.GetRequiredService<Indicators.Disclosure.CellKeys>()));
        builder.Services.AddSingleton<IRowPolicy, ScopedRows>();
        builder.Services.AddSingleton<ScopeLimits>();
        builder.Services.AddSingleton<OutsideScope>();
        builder.AddEmbedding();

        var entra = mode == SecurityMode.Secured && !string.IsNullOrWhiteSpace(builder.Configuration[$"{SecurityOptions.EntraSection}:ClientId"]);
        var authentication = builder.Services.AddAuthentication(Selecting)
            .AddPolicyScheme(Selecting, "Embed token, API key, Entra ID token or the demo", scheme => scheme.ForwardDefaultSelector = context =>
                EmbedAuthentication.Presented(context.Request) ? EmbedAuthentication.SchemeName
                : ApiKeyAuthentication.Presented(context.Request) ? ApiKeyAuthentication.SchemeName
                : mode == SecurityMode.Demo ? DemoAuthentication.SchemeName
                : entra ? JwtBearerDefaults.AuthenticationScheme
                : ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, EmbedAuthentication>(EmbedAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        if (mode == SecurityMode.Demo)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, DemoAuthentication>(DemoAuthentication.SchemeName, null);
        }

        if (entra)
        {
            authentication.AddMicrosoftIdentityWebApi(builder.Configuration.GetSection(SecurityOptions.EntraSection), JwtBearerDefaults.AuthenticationScheme);
            builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
            {
                var earlier = bearer.Events.OnChallenge;
                bearer.Events.OnChallenge = async context =>
                {
                    await earlier(context);
                    context.HandleResponse();
                    await context.HttpContext.RequestServices.GetRequiredService<Challenges>().WriteAsync(context.HttpContext,
                        context.AuthenticateFailure is null
                            ? "Sign in with your organisational account (Entra ID), or send an API key in the X-Api-Key header."
                            : "The access token is not valid for this service: sign in again.");
                };
            });
        }

        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.RequestsPerMinute;
                var caller = Caller.Of(context);
                // Each embed token has a bucket of its own: the pages of one embedding application share its identity.
                var bucket = caller?.Embed is { } grant ? $"{caller.Identity}#{grant.TokenId}" : caller?.Identity;
                return caller is { IsDemo: false } && perMinute > 0
                    ? RateLimitPartition.GetTokenBucketLimiter(bucket!, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perMinute,
                        TokensPerPeriod = Math.Max(1, perMinute / 60),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, 60.0 / perMinute)),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("");
            });
            limits.OnRejected = (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                return new ValueTask(FeedErrors.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "TooManyRequests",
                    $"Too many requests from {Caller.Of(rejected.HttpContext)?.Identity}: the limit is {rejected.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.RequestsPerMinute} a minute. Try again in {Math.Ceiling(wait.TotalSeconds)} s.", wait));
            };
        });
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.MaxRequestBodyBytes ?? new SecurityOptions().MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>Forwarded headers, believed only from the configured proxies (none by default). Runs first, before host names are checked.</summary>
    public static WebApplication UseProxies(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.KnownProxies;
        if (proxies.Length > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            app.UseForwardedHeaders(forwarded);
        }

        return app;
    }

    /// <summary>
    /// The audit trail around everything after it: every answered request but the health probes, with its final
    /// status (after the error handler has answered), its caller once known and the rows it carried. Runs first.
    /// </summary>
    public static WebApplication UseAudit(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/health"))
            {
                await next(context);
                return;
            }

            var at = DateTime.UtcNow;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            context.Features.Set(new AuditNotes());
            try
            {
                await next(context);
            }
            finally
            {
                await context.RequestServices.GetRequiredService<AuditRecorder>().RecordAsync(AuditRecorder.Entry(context, at, started));
            }
        });
        return app;
    }

    /// <summary>
    /// The security headers (<see cref="SecurityHeaders"/>) on every answer, set as it starts so that answers the error
    /// handler rewrites carry them too; under /embed/, framing by the origins allowed to embed dashboards.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var framing = app.Services.GetRequiredService<EmbeddingOrigins>().FrameAncestors;
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (EmbeddingExtensions.IsEmbedding(context.Request))
                {
                    SecurityHeaders.Apply(context.Response, framing, crossOriginScript: context.Request.Path == EmbedScript.Path);
                }
                else
                {
                    SecurityHeaders.Apply(context.Response);
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// In order: HTTPS and HSTS off loopback in secured mode; sign-in; the caller's role and scope (and, in demo mode,
    /// the refusal of a warehouse of real records); the caller's rate limit.
    /// </summary>
    public static WebApplication UseSignIn(this WebApplication app)
    {
        var mode = SecurityOptions.Resolve(app.Configuration);
        if (mode == SecurityMode.Secured)
        {
            app.UseWhen(context => context.Connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address), remote =>
            {
                remote.UseHsts();
                // A key sent in the clear is refused, not redirected: a redirect would repeat it in its Location.
                remote.Use(async (context, next) =>
                {
                    if (!context.Request.IsHttps && ApiKeyAuthentication.Presented(context.Request))
                    {
                        await FeedErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "HttpsRequired",
                            "API keys are accepted over HTTPS only: send the request to the https:// address, and replace the key if it has travelled in the clear.");
                        return;
                    }

                    if (!context.Request.IsHttps && EmbedAuthentication.Presented(context.Request))
                    {
                        await FeedErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "HttpsRequired",
                            "Embed tokens are accepted over HTTPS only: embed the dashboard from its https:// address.");
                        return;
                    }

                    await next(context);
                });
                remote.UseHttpsRedirection();
            });
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                await next(context);
                return;
            }

            var scopeClaim = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.ScopeClaim;
            var (caller, refusal) = Caller.From(context.User, scopeClaim);
            if (caller is null)
            {
                await FeedErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", refusal!);
                return;
            }

            if (mode == SecurityMode.Demo && (await context.RequestServices.GetRequiredService<CurrentLoad>().GetAsync(context.RequestAborted)).IsSynthetic == false)
            {
                await FeedErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "RealDataInDemo", DemoRefusal, TimeSpan.FromMinutes(5));
                return;
            }

            context.Features.Set(caller);
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Why the demo does not serve a warehouse of real records.</summary>
    public const string DemoRefusal =
        "This warehouse holds real records (its load record says it is not synthetic), and the demo serves synthetic data only. " +
        "Configure sign-in (an AzureAd section, or Security:Mode = Secured with API keys) to serve it.";

    /// <summary>Starts the audit trail's store before serving, so a store that cannot be opened stops the host with its message.</summary>
    public static async Task PrepareServiceStoreAsync(this WebApplication app)
    {
        var store = app.Services.GetRequiredService<ServiceStore>();
        try
        {
            await store.MigrateAsync(app.Lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new StartupException($"The service store ({store.Options.Describe()}) cannot be opened: {e.Message}");
        }

        if (SecurityOptions.Resolve(app.Configuration) == SecurityMode.Demo
            && (await app.Services.GetRequiredService<CurrentLoad>().GetAsync(app.Lifetime.ApplicationStopping)).IsSynthetic == false)
        {
            throw new StartupException(DemoRefusal);
        }
    }
}

using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Observatory.Api.Feed.Writing;
using Observatory.Api.Startup;

namespace Observatory.Api.Extensions;

public static class HostingExtensions
{
    /// <summary>
    /// The host's edge: where it listens (loopback only until sign-in exists), which Host names it answers to, and
    /// how long a request line and its headers may be.
    /// </summary>
    public static IHostApplicationBuilder AddHosting(this IHostApplicationBuilder builder)
    {
        LoopbackGuard.Check(builder.Configuration);
        builder.Services.AddOptions<HostingOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        // AllowedHosts is enforced by UseHosting, which answers in JSON; the framework's own filter would answer an empty 400 first.
        builder.Services.PostConfigure<HostFilteringOptions>(filtering => filtering.AllowedHosts = ["*"]);
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            // Long queries are welcome in POST .../$query; the request line has room for the feed's URL limit, and the
            // headers for twice the limit UseHosting answers in JSON (beyond it the server refuses with an empty 431).
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * HostingOptions.MaxHeaderBytes;
            // The feed hands the response over in blocks of 256 KB; room for a few lets the next be written while the
            // socket sends the last, rather than waiting for it at every block (the default holds 64 KB).
            kestrel.Limits.MaxResponseBufferSize = 1024 * 1024;
        });
        return builder;
    }

    /// <summary>Every options section bound and validated now, so a bad setting stops the host with its message before anything starts.</summary>
    public static WebApplication CheckConfiguration(this WebApplication app)
    {
        app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }

    public static WebApplication UseHosting(this WebApplication app)
    {
        LoopbackGuard.VerifyOnStart(app);
        var options = app.Services.GetRequiredService<IOptions<HostingOptions>>().Value;
        var allowed = options.Hosts();
        app.Use(async (context, next) =>
        {
            // Links are built from the Host a request names: only the configured names are answered (no DNS rebinding,
            // no links to a host a proxy did not mean).
            if (allowed.Count > 0 && !HostString.MatchesAny(context.Request.Host.Host, allowed))
            {
                await FeedErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "HostNotAllowed",
                    "This server does not answer to that host name. Use the address it was configured with (AllowedHosts).");
                return;
            }

            var headerBytes = context.Request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v?.Length ?? 0) + 4);
            if (headerBytes > HostingOptions.MaxHeaderBytes)
            {
                await FeedErrors.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "HeadersTooLarge",
                    $"The request's headers hold {headerBytes:N0} bytes; the limit is {HostingOptions.MaxHeaderBytes:N0}.");
                return;
            }

            await next(context);
        });
        return app;
    }
}

/// <summary>The host's names (configuration key <c>AllowedHosts</c>, as ASP.NET Core names it).</summary>
public sealed class HostingOptions
{
    /// <summary>The most header bytes a request may carry.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Host names answered, separated by ';' (wildcards such as *.example.org allowed; '*' for any).</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string AllowedHosts { get; set; } = "localhost;127.0.0.1;[::1]";

    public IList<StringSegment> Hosts() => AllowedHosts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is var hosts && hosts.Contains("*")
        ? []
        : hosts.Select(h => new StringSegment(h)).ToList();
}

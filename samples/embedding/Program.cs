using System.Net.Http.Json;
using Observatory.EmbeddingSample;

// An embedding application. Its users sign in to it; its server holds the Embedder key, asks Observatory for a
// short-lived embed token for each page view, and decides what each user may see (the locked filters). The key never
// reaches a browser; the token reaches it only in a JSON answer to this application's own page.
var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection("Observatory").Get<ObservatorySettings>() ?? new ObservatorySettings();
builder.Services.AddHttpClient("observatory", client =>
{
    client.BaseAddress = new Uri(settings.Url);
    if (!string.IsNullOrEmpty(settings.ApiKey))
    {
        client.DefaultRequestHeaders.Add("X-Api-Key", settings.ApiKey);
    }
});

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();

// In your application this endpoint is behind your own sign-in (.RequireAuthorization()), and the locks come from
// who the user is (a borough team sees its borough); here every visitor gets the configured ones.
app.MapGet("/observatory-token", async (IHttpClientFactory clients, HttpContext context) =>
{
    var filters = string.IsNullOrEmpty(settings.Borough) ? new Dictionary<string, string[]>() : new() { ["borough"] = [settings.Borough] };
    HttpResponseMessage response;
    try
    {
        response = await clients.CreateClient("observatory").PostAsJsonAsync("embed/tokens",
            new { dashboard = settings.Dashboard, filters, minutes = 10 }, context.RequestAborted);
    }
    catch (HttpRequestException e)
    {
        app.Logger.LogWarning("Observatory cannot be reached at {Url}: {Reason}", settings.Url, e.Message);
        return Results.Problem("The dashboard cannot be shown just now.", statusCode: StatusCodes.Status502BadGateway);
    }

    using var answer = response;
    if (!response.IsSuccessStatusCode)
    {
        // Observatory's error says what is wrong (an unknown dashboard, a lock outside the key's scope): log it, tell the page less.
        app.Logger.LogWarning("Observatory refused an embed token: {Status} {Body}", (int)response.StatusCode, await response.Content.ReadAsStringAsync(context.RequestAborted));
        return Results.Problem("The dashboard cannot be shown just now.", statusCode: StatusCodes.Status502BadGateway);
    }

    var minted = await response.Content.ReadFromJsonAsync<MintedToken>(context.RequestAborted);
    context.Response.Headers.CacheControl = "no-store";
    return Results.Json(new { token = minted!.Token, expiresAt = minted.ExpiresAt, url = settings.Url, dashboard = settings.Dashboard });
});

app.Run();

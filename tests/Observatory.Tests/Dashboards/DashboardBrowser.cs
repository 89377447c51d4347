using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Observatory.Tests.Dashboards;

/// <summary>What the dashboard tests do in the browser: open a view, wait for every tile to paint, read a tile's table.</summary>
internal static class DashboardBrowser
{
    /// <summary>Opens a page and waits until its tiles have painted; returns the page's errors so far.</summary>
    public static async Task<List<string>> OpenAsync(IPage page, Uri address)
    {
        var errors = Watch(page);
        await page.GotoAsync(address.ToString());
        await PaintedAsync(page, 1);
        return errors;
    }

    /// <summary>Waits until the page has painted <paramref name="count"/> times (once at first, once more after each change).</summary>
    public static Task PaintedAsync(IPage page, int count) =>
        page.WaitForFunctionAsync($"() => Number(document.documentElement.dataset.painted || 0) >= {count}", null, new() { Timeout = 60_000 });

    public static async Task<int> PaintsAsync(IPage page) =>
        int.Parse(await page.GetAttributeAsync("html", "data-painted") ?? "0", CultureInfo.InvariantCulture);

    /// <summary>Runs a change and waits for the repaint it causes.</summary>
    public static async Task ChangeAsync(IPage page, Func<Task> change)
    {
        var before = await PaintsAsync(page);
        await change();
        await PaintedAsync(page, before + 1);
    }

    /// <summary>The tile's table as the reader sees it (shown with its toggle): a row per figure, each cell under its column's heading.</summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> TableAsync(IPage page, string tile)
    {
        var section = page.Locator($"#tile-{tile}");
        var toggle = section.Locator(".toggle-table");
        if (await toggle.GetAttributeAsync("aria-pressed") != "true")
        {
            await toggle.ClickAsync();
        }

        var json = await section.EvaluateAsync<string>(
            "s => JSON.stringify([[...s.querySelectorAll('.table-view thead th')].map(h => h.textContent), ...[...s.querySelectorAll('.table-view tbody tr')].map(r => [...r.children].map(c => c.textContent))])");
        await toggle.ClickAsync();
        var table = JsonSerializer.Deserialize<string[][]>(json)!;
        return [.. table[1..].Select(r => (IReadOnlyDictionary<string, string>)table[0].Zip(r).ToDictionary(p => p.First, p => p.Second))];
    }

    /// <summary>Chooses a group from a tile's table, as a keyboard or screen-reader user would: shows the table and presses "Filter by ...".</summary>
    public static async Task FilterByAsync(IPage page, string tile, string group)
    {
        var section = page.Locator($"#tile-{tile}");
        var toggle = section.Locator(".toggle-table");
        if (await toggle.GetAttributeAsync("aria-pressed") != "true")
        {
            await toggle.ClickAsync();
        }

        await ChangeAsync(page, () => section.GetByRole(AriaRole.Button, new() { Name = $"Filter by {group}", Exact = true }).ClickAsync());
        await section.Locator(".toggle-table").ClickAsync();
    }

    public static List<string> Watch(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Location}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.RequestFailed += (_, request) => errors.Add($"{request.Url}: {request.Failure}");
        return errors;
    }

    /// <summary>A proportion as the dashboards' tables write it, to one decimal place of a percentage.</summary>
    public static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

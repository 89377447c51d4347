using System.ComponentModel;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Reports.Progress;
using Observatory.Reports.Rendering;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Schema;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Observatory.Cli.Commands;

public sealed class ReportSettings : WarehouseSettings
{
    [CommandOption("-o|--out <FILE>")]
    [Description("Where to write the page (default progress-report.html). It is self-contained: charts and styles are inside it.")]
    public string Out { get; init; } = "progress-report.html";

    [CommandOption("-y|--year <YEAR>")]
    [Description("Financial year, e.g. 2021/22 (default: the published report's year, else the latest).")]
    public string? Year { get; init; }

    [CommandOption("-d|--disclosure <LEVEL>")]
    [Description("Controlled (default: counts rounded and small ones withheld, for sharing) or Unrestricted (exact, for the ICS's own use).")]
    public string Disclosure { get; init; } = DisclosureLevel.Controlled;

    [CommandOption("--feed <URL>")]
    [Description("The feed root each figure links to (default http://127.0.0.1:5080/odata, where the host listens).")]
    public string Feed { get; init; } = "http://127.0.0.1:5080/odata";

    public override ValidationResult Validate()
    {
        if (!DisclosureLevel.IsKnown(Disclosure))
        {
            return ValidationResult.Error($"--disclosure must be {DisclosureLevel.Controlled} or {DisclosureLevel.Unrestricted}, not '{Disclosure}'.");
        }

        return Uri.TryCreate(Feed, UriKind.Absolute, out var feed) && feed.Scheme is "http" or "https" && feed.Query.Length == 0 && feed.Fragment.Length == 0
            ? ValidationResult.Success()
            : ValidationResult.Error($"--feed must be an absolute http or https URL without a query or fragment, not '{Feed}'.");
    }
}

/// <summary>Writes the progress report's data sections, regenerated from the warehouse's indicator values, to an HTML file.</summary>
public sealed class ReportCommand : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var options = settings.ToOptions();
            var inspection = await WarehouseSchema.InspectAsync(options, cancellationToken);
            if (inspection.State != WarehouseState.Current)
            {
                return CliErrors.Fail($"{inspection.Detail} A report is built from an existing, current Observatory warehouse (run 'observatory seed' or 'observatory indicators').");
            }

            await using var warehouse = WarehouseContextFactory.Create(options);
            var report = await new ProgressReport(IndicatorCatalogue.Load())
                .BuildAsync(warehouse, new ProgressReportRequest(settings.Year, settings.Disclosure, settings.Feed), cancellationToken);
            var html = await ReportRenderer.RenderAsync(report, AssetMode.Inline);
            var path = Path.GetFullPath(settings.Out);
            // Written beside the target and moved into place, so a failed run never leaves half a page.
            if (Directory.Exists(path))
            {
                return CliErrors.Fail($"{path} is a folder: --out names the file to write, e.g. {Path.Combine(path, "progress-report.html")}.");
            }

            var temporary = path + ".tmp";
            try
            {
                await File.WriteAllTextAsync(temporary, html, cancellationToken);
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }

            AnsiConsole.MarkupLine($"Wrote the {Markup.Escape(report.Year)} progress report ({Markup.Escape(report.Disclosure.ToLowerInvariant())} figures) to {Markup.Escape(path)}.");
            return 0;
        }
        catch (Exception e) when (e is WarehouseException or CatalogueException or ReportRequestException or ReportUnavailableException or IOException or UnauthorizedAccessException)
        {
            return CliErrors.Fail(e.Message);
        }
    }
}

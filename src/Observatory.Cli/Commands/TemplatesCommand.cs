using System.ComponentModel;
using Observatory.Dashboards.Definitions;
using Observatory.Indicators.Catalogue;
using Observatory.Query.Model;
using Observatory.Templates;
using Observatory.Warehouse.Reference;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Observatory.Cli.Commands;

public sealed class TemplatesSettings : CommandSettings
{
    [CommandOption("-o|--out <FOLDER>")]
    [Description("The folder to write (default powerbi-templates). Files it generated before and no longer generates are removed; its README is left alone.")]
    public string Out { get; init; } = "powerbi-templates";

    [CommandOption("--check")]
    [Description("Write nothing: exit 1 and list the differences when the folder is not what would be written.")]
    public bool Check { get; init; }
}

/// <summary>Writes the Power BI project, the Excel connections and the data dictionary from the feed's model, the catalogue and the dashboards.</summary>
public sealed class TemplatesCommand : Command<TemplatesSettings>
{
    public override int Execute(CommandContext context, TemplatesSettings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Path, string Text)> files;
        try
        {
            var catalogue = IndicatorCatalogue.Load();
            files = TemplateFiles.Generate(WarehouseEdm.Instance, catalogue, DashboardCatalogue.Load(catalogue), ReferenceData.Load());
        }
        catch (Exception e) when (e is TemplateException or CatalogueException or DashboardException)
        {
            return CliErrors.Fail(e.Message);
        }

        if (settings.Check)
        {
            var differences = TemplateDrift.Find(settings.Out, files);
            foreach (var difference in differences)
            {
                AnsiConsole.MarkupLine(Markup.Escape(difference));
            }

            return differences.Count == 0 ? 0 : CliErrors.Fail($"{differences.Count} file(s) of {settings.Out} differ from what 'observatory templates' writes: run it and commit the result.");
        }

        try
        {
            var (written, changed, removed) = TemplateFiles.Write(settings.Out, files);
            AnsiConsole.MarkupLine(Markup.Escape($"{settings.Out}: {written} files, {changed} written or changed, {removed} removed."));
            return 0;
        }
        catch (Exception e) when (e is TemplateException or IOException or UnauthorizedAccessException)
        {
            return CliErrors.Fail(e.Message);
        }
    }
}

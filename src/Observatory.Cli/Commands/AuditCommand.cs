using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Observatory.Access;
using Observatory.Access.Audit;
using Observatory.Warehouse;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Observatory.Cli.Commands;

public sealed class AuditCommand : AsyncCommand<AuditCommand.Settings>
{
    public sealed class Settings : ServiceSettings
    {
        [CommandOption("--since <WHEN>")]
        [Description("Only requests from then on: a date or time (2026-11-30, 2026-11-30T09:00Z) or a time ago (30m, 24h, 7d).")]
        public string? Since { get; init; }

        [CommandOption("--identity <IDENTITY>")]
        [Description("Only one caller's requests: key:NAME, user:OBJECT-ID or demo.")]
        public string? Identity { get; init; }

        [CommandOption("--limit <N>")]
        [Description("At most this many entries, the latest (default 100).")]
        [DefaultValue(100)]
        public int Limit { get; init; } = 100;

        [CommandOption("--json")]
        [Description("Write the entries as JSON (an array), for other tools.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Limit is < 1 or > 1_000_000 ? ValidationResult.Error("--limit must be between 1 and 1,000,000.") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var since = settings.Since is { } text ? When(text) : (DateTime?)null;
            using var store = settings.OpenStore();
            var entries = await new AuditTrail(store).ReadAsync(since, settings.Identity, settings.Limit, cancellationToken);
            if (settings.Json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(entries.Select(e => new
                {
                    at = DateTime.SpecifyKind(e.At, DateTimeKind.Utc), identity = e.Identity, role = e.Role, scope = e.Scope, method = e.Method,
                    path = e.Path, query = e.Query, status = e.Status, rows = e.Rows, durationMs = e.DurationMs,
                })));
                return 0;
            }

            var table = new Table().AddColumns("Time (UTC)", "Identity", "Role", "Scope", "Request", "Status", "Rows", "ms");
            foreach (var e in entries)
            {
                table.AddRow(e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape(e.Identity), e.Role ?? "-", Markup.Escape(e.Scope ?? "-"),
                    Markup.Escape($"{e.Method} {e.Path}{e.Query}"), e.Status.ToString(CultureInfo.InvariantCulture),
                    e.Rows?.ToString("N0", CultureInfo.InvariantCulture) ?? "-", e.DurationMs.ToString("N0", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{entries.Count:N0} entries.");
            return 0;
        }
        catch (Exception e) when (e is AccessException or WarehouseException)
        {
            return CliErrors.Fail(e.Message);
        }
    }

    private static DateTime When(string text)
    {
        text = text.Trim();
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? ago = text[^1] switch { 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), 'd' => TimeSpan.FromDays(amount), _ => null };
            if (ago is { } span)
            {
                return DateTime.UtcNow - span;
            }
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when)
            ? when
            : throw new AccessException($"--since '{text}' is neither a date or time (2026-11-30, 2026-11-30T09:00Z) nor a time ago (30m, 24h, 7d).");
    }
}

using System.ComponentModel;
using System.Globalization;
using Observatory.Access;
using Observatory.Access.Keys;
using Observatory.Access.Roles;
using Observatory.Warehouse;
using Observatory.Warehouse.Providers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Observatory.Cli.Commands;

public sealed class KeysCreateCommand : AsyncCommand<KeysCreateCommand.Settings>
{
    public sealed class Settings : ServiceSettings
    {
        [CommandOption("--name <NAME>")]
        [Description("What the key is called: it names the caller in the audit trail (letters, digits, '.', '_', '-').")]
        public string Name { get; init; } = "";

        [CommandOption("--role <ROLE>")]
        [Description("Analyst, Researcher, Board, Admin, or Embedder (mints embed tokens for dashboards, reads nothing itself).")]
        public string Role { get; init; } = "";

        [CommandOption("--expires <DATE>")]
        [Description("Last day the key works, as YYYY-MM-DD (default: a year from now).")]
        public string? Expires { get; init; }

        [CommandOption("--scope <SCOPE>")]
        [Description("Limit the key's rows to provider:CODE (the services that provider runs) or borough:NAME (that borough's residents).")]
        public string? Scope { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Name) ? ValidationResult.Error("Give the key a name with --name.")
            : string.IsNullOrWhiteSpace(Role) ? ValidationResult.Error("Give the key a role with --role (Analyst, Researcher, Board, Admin or Embedder).")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var role = Roles.Parse(settings.Role);
            var scope = AccessScope.Parse(settings.Scope);
            DateTime? expires = null;
            if (settings.Expires is { } text)
            {
                expires = DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day)
                    ? day.AddDays(1)
                    : throw new AccessException($"--expires '{text}' is not a date: write YYYY-MM-DD.");
            }

            if (scope is not null)
            {
                await CheckScopeAsync(settings.ToOptions(), scope, cancellationToken);
            }

            using var store = settings.OpenStore();
            var created = await new ApiKeys(store, TimeProvider.System).CreateAsync(settings.Name, role, expires, scope, cancellationToken);
            var info = created.Info;
            AnsiConsole.MarkupLine($"Created key [bold]{Markup.Escape(info.Name)}[/] ({info.KeyId}).");
            AnsiConsole.MarkupLine($"Role: {info.Role}");
            AnsiConsole.MarkupLine($"Scope: {Markup.Escape(info.Scope?.ToString() ?? "every row the role may read")}");
            AnsiConsole.MarkupLine($"Last day: {info.ExpiresAt.AddDays(-1):yyyy-MM-dd}");
            AnsiConsole.MarkupLine($"Kept in: {Markup.Escape(store.Options.Describe())}");
            AnsiConsole.MarkupLine("This is the only time the key is shown: keep it now.");
            AnsiConsole.MarkupLine("Send it in the X-Api-Key header, or the api-key query parameter.");
            // Alone on the last line, whole, for scripts: never wrapped or styled.
            Console.Out.WriteLine(created.Key);
            return 0;
        }
        catch (Exception e) when (e is AccessException or WarehouseException)
        {
            return CliErrors.Fail(e.Message);
        }
    }

    /// <summary>A scope must name a provider or borough the warehouse knows, when the warehouse can be read.</summary>
    private static async Task CheckScopeAsync(WarehouseOptions options, AccessScope scope, CancellationToken cancellationToken)
    {
        var database = WarehouseDatabase.For(options);
        var query = new SqlStatement(scope.Kind == ScopeKind.Provider
            ? "SELECT \"Code\" FROM \"Providers\" ORDER BY \"Code\""
            : "SELECT DISTINCT \"Borough\" FROM \"Areas\" ORDER BY \"Borough\"", []);
        List<string> known = [];
        try
        {
            await using var connection = await database.OpenForReadingAsync(cancellationToken);
            await using var rows = await database.ReadAsync(connection, query, cancellationToken);
            while (await rows.ReadAsync())
            {
                known.Add(rows.GetString(0));
            }
        }
        catch (WarehouseUnavailableException e)
        {
            Console.Error.WriteLine($"Warning: the warehouse cannot be read to check the scope ({e.Message}); the key is created as asked.");
            return;
        }

        if (!known.Contains(scope.Value, StringComparer.Ordinal))
        {
            throw new AccessException($"The warehouse has no {scope.Kind.ToString().ToLowerInvariant()} '{scope.Value}': choose one of {string.Join(", ", known)}.");
        }
    }
}

public sealed class KeysListCommand : AsyncCommand<ServiceSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServiceSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            using var store = settings.OpenStore();
            var keys = await new ApiKeys(store, TimeProvider.System).ListAsync(cancellationToken);
            if (keys.Count == 0)
            {
                AnsiConsole.MarkupLine("No API keys yet: 'observatory keys create --name NAME --role ROLE' makes one.");
                return 0;
            }

            var now = DateTime.UtcNow;
            var table = new Table().AddColumns("Name", "Id", "Role", "Scope", "Created", "Last day", "Last used", "State");
            foreach (var key in keys)
            {
                table.AddRow(Markup.Escape(key.Name), key.KeyId, key.Role.ToString(), Markup.Escape(key.Scope?.ToString() ?? "-"),
                    key.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), key.ExpiresAt.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    key.LastUsedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never", key.State(now));
            }

            AnsiConsole.Write(table);
            return 0;
        }
        catch (Exception e) when (e is AccessException or WarehouseException)
        {
            return CliErrors.Fail(e.Message);
        }
    }
}

public sealed class KeysRevokeCommand : AsyncCommand<KeysRevokeCommand.Settings>
{
    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The name of the key to revoke.")]
        public string Name { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            using var store = settings.OpenStore();
            var key = await new ApiKeys(store, TimeProvider.System).RevokeAsync(settings.Name, cancellationToken);
            AnsiConsole.MarkupLine($"Revoked key [bold]{Markup.Escape(key.Name)}[/] ({key.KeyId}): every request with it is refused from now on.");
            return 0;
        }
        catch (Exception e) when (e is AccessException or WarehouseException)
        {
            return CliErrors.Fail(e.Message);
        }
    }
}

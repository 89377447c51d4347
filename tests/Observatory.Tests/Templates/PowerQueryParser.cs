using System.Text.Json;
using Observatory.Tests.Clients;
using Observatory.Tests.Support;

namespace Observatory.Tests.Templates;

/// <summary>One piece of M and where it came from (file and object), e.g. "tables/Referrals.tmdl: partition source".</summary>
public sealed record MExpression(string Name, string Text);

/// <summary>
/// Microsoft's Power Query parser (tests/clients/powerquery/parse.cjs) run over M: whether it parses, and what it
/// references, reads and calls. Installs nothing: CI runs 'npm ci --prefix tests/clients'.
/// </summary>
public static class PowerQueryParser
{
    private static readonly string Script = Path.Combine(NpmClients.Folder, "powerquery", "parse.cjs");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Parses every expression in one run of node (it takes a second to start).</summary>
    public static async Task<IReadOnlyList<ParsedM>> ParseAsync(IReadOnlyList<MExpression> expressions)
    {
        if (!Directory.Exists(Path.Combine(NpmClients.Folder, "node_modules", "@microsoft", "powerquery-parser")))
        {
            const string reason = "Run 'npm ci --prefix tests/clients' to install the Power Query parser these tests use.";
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", reason);
            Assert.Skip(reason);
        }

        var input = JsonSerializer.Serialize(expressions.Select(e => new { name = e.Name, text = e.Text }), Json);
        var run = await ProcessRunner.RunExecutableAsync("node", [Script], TimeSpan.FromMinutes(2), standardInput: input);
        Assert.True(run.ExitCode == 0, $"parse.cjs failed (exit code {run.ExitCode}):\n{run.Error}");

        var parsed = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<ParsedM>(line, Json)!)
            .ToList();
        Assert.Equal(expressions.Select(e => e.Name), parsed.Select(p => p.Name));
        return parsed;
    }

    public static async Task<ParsedM> ParseAsync(string name, string text) => (await ParseAsync([new MExpression(name, text)]))[0];
}

/// <summary>What parse.cjs reports for one expression (see the script's header).</summary>
public sealed record ParsedM(
    string Name,
    bool Ok,
    string? Error,
    MPosition? Position,
    IReadOnlyList<string>? Identifiers,
    IReadOnlyList<string>? Fields,
    IReadOnlyList<string>? Strings,
    IReadOnlyList<MCall>? Calls,
    IReadOnlyDictionary<string, string>? Members)
{
    /// <summary>Names referenced but not bound in the expression itself.</summary>
    public IReadOnlyList<string> FreeIdentifiers => Identifiers ?? [];

    public IReadOnlyList<MCall> AllCalls => Calls ?? [];

    public string Describe() => Ok ? Name : $"{Name}: {Error}{(Position is { } at ? $" at line {at.Line}, column {at.Column}" : "")}";
}

public sealed record MPosition(int Line, int Column);

/// <summary>A call of a named function, e.g. OData.Feed(ObservatoryUrl &amp; "/odata/Referrals", null, [...]).</summary>
public sealed record MCall(string Function, IReadOnlyList<MArgument> Arguments);

/// <summary>An argument: its M source, the operands of a &amp; chain, and a record's fields (field name to M source).</summary>
public sealed record MArgument(string M, IReadOnlyList<MPart> Parts, IReadOnlyDictionary<string, string>? Record);

/// <summary>An operand of a &amp; chain: a text literal's value, or the M source of anything else.</summary>
public sealed record MPart(string? Text, string? M);

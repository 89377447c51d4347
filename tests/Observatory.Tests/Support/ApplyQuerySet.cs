using System.Text.Json;
using Observatory.Tests.Feed;

namespace Observatory.Tests.Support;

/// <summary>docs/apply-queries.json: the documented $apply questions and their hand-written SQL.</summary>
public static class ApplyQuerySet
{
    public sealed record Query(string Name, string Url, string Sql);

    private sealed record Document(List<Query> Queries);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<Query> Load() =>
        JsonSerializer.Deserialize<Document>(
            File.ReadAllText(Path.Combine(ReportReproductionTests.RepositoryRoot(), "docs", "apply-queries.json")), Json)!.Queries;
}

using Microsoft.EntityFrameworkCore;
using Observatory.Access.Roles;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Security;

public enum SetKind
{
    /// <summary>Person-level rows (and the census counts beside them).</summary>
    Fact,

    /// <summary>Pre-aggregated counts whose small cells are not protected.</summary>
    Summary,

    /// <summary>The indicator catalogue and its computed values.</summary>
    Indicator,

    /// <summary>Codes and names: dates, ethnic categories, areas, services, and the load record.</summary>
    Dimension,
}

/// <summary>
/// Which entity sets each role reads. Admin and Analyst read every set; Board and Researcher read the indicators and
/// the dimensions, never a fact row or a summary cell (whose small counts are not disclosure-controlled); an Embedder
/// reads none (it only mints embed tokens: <see cref="Embedding.EmbedTokenEndpoint"/>).
/// </summary>
public static class SetAccess
{
    private static readonly Dictionary<string, SetKind> Kinds = Build();

    public static SetKind KindOf(string set) => Kinds.GetValueOrDefault(set, SetKind.Dimension);

    public static bool MayRead(Role role, string set) => role switch
    {
        Role.Admin or Role.Analyst => true,
        Role.Board or Role.Researcher => KindOf(set) is SetKind.Indicator or SetKind.Dimension,
        _ => false,
    };

    public static string Refusal(Role role, string set) => role == Role.Embedder ? EmbedderRefusal : KindOf(set) switch
    {
        SetKind.Fact => $"The {role} role may not read {set}: it holds person-level rows. Indicators and IndicatorValues give the same figures, disclosure-controlled.",
        _ => $"The {role} role may not read {set}: its small counts are not disclosure-controlled. Indicators and IndicatorValues give the same figures, protected.",
    };

    /// <summary>What an Embedder is told wherever it asks for anything but an embed token.</summary>
    public const string EmbedderRefusal =
        "The Embedder role only mints embed tokens (POST /embed/tokens): it reads nothing itself. Use a key or account with another role to read the feed.";

    private static Dictionary<string, SetKind> Build()
    {
        var model = WarehouseContextFactory.Model;
        var kinds = new Dictionary<string, SetKind>(StringComparer.Ordinal);
        foreach (var (types, kind) in new[] { (WarehouseTables.Facts, SetKind.Fact), (WarehouseTables.Summaries, SetKind.Summary), (WarehouseTables.Indicators, SetKind.Indicator) })
        {
            foreach (var type in types)
            {
                kinds[model.FindEntityType(type)!.GetTableName()!] = kind;
            }
        }

        return kinds;
    }
}

namespace Observatory.Warehouse.Reference;

/// <summary>
/// The readable reference files (code lists, areas, census denominators, calibration, pinned report figures).
/// They are copied beside each program at build time; OBSERVATORY_SEED_DIR points elsewhere when needed.
/// </summary>
public static class SeedDirectory
{
    public static string Path =>
        Environment.GetEnvironmentVariable("OBSERVATORY_SEED_DIR") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(AppContext.BaseDirectory, "seed");

    public static string File(params string[] parts)
    {
        var path = System.IO.Path.Combine([Path, .. parts]);
        return System.IO.File.Exists(path)
            ? path
            : throw new WarehouseException($"Reference file {path} is missing. Rebuild, or set OBSERVATORY_SEED_DIR to the repository's seed/ folder.");
    }
}

using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Observatory.Warehouse.Reference;

/// <summary>Reads a seed CSV whose snake_case headers name the properties of <typeparamref name="T"/>.</summary>
public static class CsvFiles
{
    public static List<T> Read<T>(string path)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
        };

        try
        {
            using var reader = new StreamReader(path);
            using var csv = new CsvReader(reader, configuration);
            return csv.GetRecords<T>().ToList();
        }
        catch (CsvHelperException e)
        {
            throw new WarehouseException($"{path} could not be read: {e.Message.Split('\n')[0]}", e);
        }
    }
}

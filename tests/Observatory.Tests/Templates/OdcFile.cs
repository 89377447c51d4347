using System.Data.Common;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Observatory.Tests.Templates;

/// <summary>
/// An Office Data Connection file as Excel reads it: HTML whose <c>&lt;xml id=msodc&gt;</c> island holds the
/// connection ([MS-ODCFF]). A Power Query connection names the Microsoft.Mashup.OleDb.1 provider and carries its
/// queries either as <c>&lt;odc:PowerQueryMashupData&gt;</c> (escaped Mashup XML, one Formula per query) or, in the
/// older form, as a base64 Power Query package in the connection string's Extended Properties ([MS-QDEFF]: a zip
/// whose Formulas/Section1.m is a section document).
/// </summary>
/// <param name="ConnectionElement">The island's connection element: Connection or PowerQueryConnection.</param>
/// <param name="Type">Its odc:Type attribute, e.g. OLEDB.</param>
/// <param name="Formulas">Each query's M by name, from the Mashup XML (empty in the package form).</param>
/// <param name="Section">The package's Formulas/Section1.m (null in the Mashup XML form).</param>
public sealed partial record OdcFile(
    string ConnectionElement,
    string? Type,
    DbConnectionStringBuilder ConnectionString,
    IReadOnlyDictionary<string, string> Formulas,
    string? Section)
{
    public static readonly XNamespace Odc = "urn:schemas-microsoft-com:office:odc";
    private static readonly XNamespace Mashup = "http://schemas.microsoft.com/DataMashup";

    public string? Provider => Value("Provider");

    /// <summary>The query the connection loads (Location=).</summary>
    public string? Location => Value("Location");

    /// <summary>Reads the file; throws (XmlException, FormatException, InvalidDataException) when it is not well formed.</summary>
    public static OdcFile Read(string path)
    {
        var island = MsodcIsland().Match(File.ReadAllText(path));
        if (!island.Success)
        {
            throw new FormatException("no <xml id=msodc> island");
        }

        var root = XElement.Parse(island.Groups[1].Value);
        var connection = root.Element(Odc + "PowerQueryConnection") ?? root.Element(Odc + "Connection")
            ?? throw new FormatException("the msodc island has no odc:Connection or odc:PowerQueryConnection");
        var builder = new DbConnectionStringBuilder { ConnectionString = (string?)connection.Element(Odc + "ConnectionString") ?? "" };

        var formulas = new Dictionary<string, string>();
        if (root.Element(Odc + "PowerQueryMashupData") is { } data)
        {
            // The element's text is the Mashup XML, escaped once for HTML; XML parsing has already unescaped it.
            foreach (var query in XElement.Parse(data.Value).Descendants(Mashup + "Query"))
            {
                formulas[(string)query.Attribute("Name")!] = (string?)query.Element(Mashup + "Formula") ?? "";
            }
        }

        var section = builder.TryGetValue("Extended Properties", out var packed) && packed is string { Length: > 0 } base64
            ? SectionOf(Convert.FromBase64String(base64))
            : null;
        return new OdcFile(connection.Name.LocalName, (string?)connection.Attribute(Odc + "Type"), builder, formulas, section);
    }

    private string? Value(string key) => ConnectionString.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>Formulas/Section1.m from a package: the zip itself, or [MS-QDEFF]'s stream (version, length, zip).</summary>
    private static string SectionOf(byte[] bytes)
    {
        var zip = bytes.AsSpan().StartsWith("PK"u8)
            ? bytes
            : bytes.AsSpan(8, BitConverter.ToInt32(bytes, 4)).ToArray();
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entry = archive.GetEntry("Formulas/Section1.m") ?? throw new InvalidDataException("the package has no Formulas/Section1.m");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"<xml\s+id=[""']?msodc[""']?\s*>(.*?)</xml>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex MsodcIsland();
}

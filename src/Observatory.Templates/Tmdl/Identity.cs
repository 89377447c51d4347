using System.Security.Cryptography;
using System.Text;

namespace Observatory.Templates.Tmdl;

/// <summary>
/// Lineage tags and logical ids that stay the same from one generation to the next (derived from what the object
/// is), so a regenerated template is the same text, and Power BI keeps tracking an object across versions.
/// </summary>
public static class Identity
{
    public static string Of(string what)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("observatory/" + what));
        // A version 8 (custom) UUID: the variant and version bits set as RFC 9562 asks.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}

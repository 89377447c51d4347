using System.Text;

namespace Observatory.Tests.Templates;

/// <summary>
/// How a TMDL file must be stored: UTF-8 without a byte-order mark, and one kind of line ending throughout (LF, or
/// CRLF as Power BI Desktop writes on Windows), so that a checkout on either platform reads as the generator wrote it.
/// </summary>
public static class TmdlEncoding
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text, or null with the reason added to <paramref name="problems"/>.</summary>
    public static string? Decode(string path, byte[] bytes, List<string> problems)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            problems.Add($"{path}:1: starts with a UTF-8 byte-order mark; TMDL files are UTF-8 without one");
            return null;
        }

        string text;
        try
        {
            text = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            problems.Add($"{path}:{LineAt(bytes, e.Index)}: not valid UTF-8");
            return null;
        }

        var crlf = text.Split("\r\n").Length - 1;
        var lf = text.Count(c => c == '\n') - crlf;
        var cr = text.Count(c => c == '\r') - crlf;
        if (cr > 0 || (crlf > 0 && lf > 0))
        {
            var first = text.Split('\n').SkipLast(1).Select((l, i) => (Line: l, Number: i + 1))
                .FirstOrDefault(l => l.Line.EndsWith('\r') != (crlf > lf) || l.Line.TrimEnd('\r').Contains('\r', StringComparison.Ordinal)).Number;
            problems.Add($"{path}:{first}: mixes line endings ({crlf} CRLF, {lf} LF, {cr} lone CR); use one kind throughout");
            return null;
        }

        return text;
    }

    private static int LineAt(byte[] bytes, int index) => bytes.Take(Math.Max(0, index)).Count(b => b == (byte)'\n') + 1;
}

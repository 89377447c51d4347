using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Bogus;

namespace Observatory.Synthetic.Sampling;

/// <summary>
/// Independent random streams from one master seed, each known by a stable name such as <c>pathway:TT</c>.
/// A stream's seed is the first four bytes, read little-endian as a signed 32-bit integer, of SHA-256 over the
/// master seed's four bytes (little-endian) followed by the stream's name in UTF-8. The function depends on its
/// inputs alone (never on <see cref="string.GetHashCode()"/>, which .NET randomises per process), so a stream
/// draws the same numbers in every process and every version, and a generator that draws more or fewer numbers
/// than before leaves every other generator's stream as it was.
/// </summary>
public sealed class SeedStreams(int masterSeed)
{
    public int MasterSeed => masterSeed;

    /// <summary>The seed of the stream <paramref name="name"/> under <paramref name="masterSeed"/>.</summary>
    public static int Derive(int masterSeed, string name)
    {
        var bytes = new byte[sizeof(int) + Encoding.UTF8.GetByteCount(name)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, masterSeed);
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(sizeof(int)));
        return BinaryPrimitives.ReadInt32LittleEndian(SHA256.HashData(bytes));
    }

    /// <summary>The seed of the stream of one member of a family, e.g. <c>("pathway", "TT")</c>: the stream named <c>pathway:TT</c>.</summary>
    public int Seed(string family, string key) => Derive(masterSeed, Name(family, key));

    /// <summary>
    /// A randomizer drawing the stream <paramref name="name"/> from its start. Each generator asks once for the
    /// streams it owns: two randomizers of one stream would draw the same numbers.
    /// </summary>
    public Randomizer For(string name) => new(Derive(masterSeed, name));

    /// <summary>The randomizer of one member of a family of streams (per service, programme or stratum).</summary>
    public Randomizer For(string family, string key) => For(Name(family, key));

    public static string Name(string family, string key) => $"{family}:{key}";
}

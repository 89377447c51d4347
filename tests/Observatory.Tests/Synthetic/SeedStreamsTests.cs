using Bogus;
using Observatory.Synthetic.Sampling;

namespace Observatory.Tests.Synthetic;

public class SeedStreamsTests
{
    // Worked independently: the first four bytes, little-endian, of SHA-256 over the seed's four little-endian bytes
    // and the name in UTF-8. In Python:
    //   struct.unpack('<i', hashlib.sha256(struct.pack('<i', seed) + name.encode()).digest()[:4])[0]
    [Theory]
    [InlineData(20220309, "pathway:TT", -332483305)]
    [InlineData(20220309, "pathway:CAMHS", 203087034)]
    [InlineData(20220309, "balanced:TT:dropout:White", -378315428)]
    [InlineData(1, "people:SMI", -672070020)]
    [InlineData(-7, "recording:GM-FAC", 1432152750)]
    [InlineData(0, "", -1738457121)]
    [InlineData(20220309, "residents:Café", 2010482382)]
    public void AStreamsSeedIsTheStartOfTheSha256OfTheMasterSeedAndItsName(int masterSeed, string name, int expected) =>
        Assert.Equal(expected, SeedStreams.Derive(masterSeed, name));

    [Fact]
    public void AMemberOfAFamilyIsTheStreamNamedByFamilyAndKey()
    {
        var streams = new SeedStreams(20220309);

        Assert.Equal(-332483305, streams.Seed("pathway", "TT"));
        Assert.Equal(Draws(new Randomizer(-332483305)), Draws(streams.For("pathway", "TT")));
        Assert.Equal(Draws(streams.For("pathway:TT")), Draws(streams.For("pathway", "TT")));
    }

    [Fact]
    public void StreamsOfOtherNamesOrSeedsDrawOtherNumbers()
    {
        var streams = new SeedStreams(20220309);

        Assert.NotEqual(Draws(streams.For("pathway", "TT")), Draws(streams.For("pathway", "CAMHS")));
        Assert.NotEqual(Draws(streams.For("pathway", "TT")), Draws(new SeedStreams(20220310).For("pathway", "TT")));
    }

    private static int[] Draws(Randomizer random) => [.. Enumerable.Range(0, 8).Select(_ => random.Int(0, 1_000_000))];
}

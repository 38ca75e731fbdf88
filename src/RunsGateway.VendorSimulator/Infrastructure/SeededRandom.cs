namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed forever, unlike System.Random whose
/// algorithm is an implementation detail. The seeded data must not change between runtimes.
/// </summary>
internal sealed class SeededRandom(ulong seed)
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string LowerDigits = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string HexDigits = "0123456789abcdef";
    private ulong _state = seed;

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)(NextULong() % (ulong)maxExclusive);

    /// <summary>An integer in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Picks an item with the given relative weights.</summary>
    public T Weighted<T>(IReadOnlyList<(T Item, int Weight)> items)
    {
        var total = 0;
        foreach (var (_, weight) in items)
        {
            total += weight;
        }

        var roll = Next(total);
        foreach (var (item, weight) in items)
        {
            if (roll < weight)
            {
                return item;
            }

            roll -= weight;
        }

        return items[^1].Item;
    }

    public TimeSpan Seconds(int min, int maxExclusive) => TimeSpan.FromSeconds(Next(min, maxExclusive));

    public string Letters(int length) => Chars(Lower, length);

    public string LettersAndDigits(int length) => Chars(LowerDigits, length);

    public string Hex(int length) => Chars(HexDigits, length);

    private string Chars(string alphabet, int length)
    {
        return string.Create(length, this, (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[random.Next(alphabet.Length)];
            }
        });
    }
}

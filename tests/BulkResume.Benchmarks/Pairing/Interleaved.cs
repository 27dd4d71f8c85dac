namespace BulkResume.Benchmarks.Pairing;

/// <summary>
/// Two measurements taken in alternation, so that whatever the machine does meanwhile (another build, a change of
/// clock speed, a collection) falls on both sides of a ratio alike, instead of on whichever side ran in that minute.
/// Every other pair runs its two sides in the opposite order (A B, B A, A B, ...), so that neither side always pays for
/// what the other leaves behind (garbage, a cold cache). A ratio is then taken per pair, A over B.
/// </summary>
internal static class Interleaved
{
    /// <param name="warmups">Pairs run first and not kept: the first runs of a path pay for what later runs find ready.</param>
    /// <param name="pairs">Pairs kept.</param>
    /// <param name="a">One sample of the side over the ratio's line.</param>
    /// <param name="b">One sample of the side under it, the baseline.</param>
    public static async Task<IReadOnlyList<(Sample A, Sample B)>> PairsAsync(int warmups, int pairs, Func<Task<Sample>> a, Func<Task<Sample>> b)
    {
        var kept = new List<(Sample A, Sample B)>(pairs);
        for (int i = 0; i < warmups + pairs; i++)
        {
            (Sample A, Sample B) pair;
            if (i % 2 == 0)
            {
                Sample first = await a();
                pair = (first, await b());
            }
            else
            {
                Sample first = await b();
                pair = (await a(), first);
            }

            if (i >= warmups)
            {
                kept.Add(pair);
            }
        }

        return kept;
    }

    /// <summary>The spread of the per-pair ratios of wall time, A over B.</summary>
    public static RatioSpread TimeRatio(this IReadOnlyList<(Sample A, Sample B)> pairs) =>
        RatioSpread.Of(pairs.Select(p => p.A.Seconds / p.B.Seconds));

    /// <summary>The spread of the per-pair ratios of bytes allocated, A over B.</summary>
    public static RatioSpread AllocationRatio(this IReadOnlyList<(Sample A, Sample B)> pairs) =>
        RatioSpread.Of(pairs.Select(p => (double)p.A.AllocatedBytes / p.B.AllocatedBytes));
}

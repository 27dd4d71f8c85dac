using System.Diagnostics;

namespace BulkResume.Benchmarks.Pairing;

/// <summary>One timed piece of work: its wall time and the bytes allocated meanwhile by every thread of the process.</summary>
internal readonly record struct Sample(double Seconds, long AllocatedBytes)
{
    /// <summary>
    /// Times <paramref name="work"/>, which must report <paramref name="expected"/> items done (entries drained, pages
    /// resumed), or the measurement fails instead of timing less work than it claims.
    /// </summary>
    /// <param name="work">What is timed.</param>
    /// <param name="expected">How many items it must report.</param>
    /// <param name="collectFirst">
    /// A full collection first, for whole drains, so that no drain pays for another's garbage; not for single pages,
    /// where it would leave a large DLQ cold in the caches before every page and measure the collector, not the page.
    /// </param>
    public static async Task<Sample> TakeAsync(Func<Task<int>> work, int expected, bool collectFirst)
    {
        if (collectFirst)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
        }

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long started = Stopwatch.GetTimestamp();
        int done = await work();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return done == expected
            ? new Sample(elapsed.TotalSeconds, allocated)
            : throw new InvalidOperationException($"The measured work did {done} items, not {expected}.");
    }
}

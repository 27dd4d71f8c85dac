namespace BulkResume.Benchmarks.Measurement;

/// <summary>The live managed heap after full, compacting collections: what is kept, not what was allocated.</summary>
internal static class HeapProbe
{
    public static long Live()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

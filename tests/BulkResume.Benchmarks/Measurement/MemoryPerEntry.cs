using BulkResume.Benchmarks.Data;
using BulkResume.Engine;
using BulkResume.Engine.Storage;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// <c>memory_bytes_per_entry</c>: live heap growth of an <see cref="InMemoryDlqStore"/> filled with
/// <paramref name="count"/> entries whose bodies are distinct 200-character strings, divided by the count.
/// Entries are built in batches and only the store keeps them. <see cref="MeasurePayloadAsync"/> is the same entries
/// held in an array with no store, to split the figure into the entries themselves and the store's indexes and runs.
/// </summary>
internal static class MemoryPerEntry
{
    public const int BodyLength = 200;

    public static async Task<double> MeasureAsync(int count)
    {
        var store = new InMemoryDlqStore();
        long before = HeapProbe.Live();
        await BenchData.SeedAsync(store, count, (from, n) => BenchData.Mixed(from, n, BodyLength));
        long after = HeapProbe.Live();
        GC.KeepAlive(store);
        return (after - before) / (double)count;
    }

    public static Task<double> MeasurePayloadAsync(int count)
    {
        var entries = new List<DlqEntry>(count);
        long before = HeapProbe.Live();
        for (int from = 0; from < count; from += BenchData.BatchSize)
        {
            entries.AddRange(BenchData.Mixed(from, Math.Min(BenchData.BatchSize, count - from), BodyLength));
        }

        long after = HeapProbe.Live();
        GC.KeepAlive(entries);
        return Task.FromResult((after - before) / (double)count);
    }
}

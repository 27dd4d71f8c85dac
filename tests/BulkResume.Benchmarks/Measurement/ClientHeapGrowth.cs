using System.Text.Json.Nodes;
using BulkResume.Benchmarks.Client;
using BulkResume.Benchmarks.Data;
using BulkResume.Benchmarks.HandWritten;
using BulkResume.Engine;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// <c>client_heap_growth_bytes</c>: the live heap while the SDK drains <c>count</c> entries through the in-process
/// handler, sampled every 10,000 entries, minus the same for the hand-written loop on an identical DLQ. The engine
/// shares the process (entries leave the store, resumed runs enter it), so the hand-written drain, which keeps nothing,
/// is the reference: what the client adds on top of it is what the client keeps.
/// </summary>
internal static class ClientHeapGrowth
{
    private const int SampleEvery = 10_000;

    public static async Task<JsonObject> MeasureAsync(int count)
    {
        (long clientPeak, long clientEnd) = await DrainAsync(count, (server, http, sample) =>
            ClientDrain.DrainAsync(
                new WorkflowClient(http, new WorkflowClientOptions { Token = server.Token, BaseUrl = DlqTestServer.DefaultBaseAddress }),
                BenchData.OrdersUrl,
                sample));
        (long rawPeak, long rawEnd) = await DrainAsync(count, (server, http, sample) =>
            new RawResumeLoop(http, DlqTestServer.DefaultBaseAddress, server.Token, BenchData.OrdersUrl).DrainAsync(sample));
        return new JsonObject
        {
            ["entries"] = count,
            ["client_peak_growth_bytes"] = clientPeak,
            ["client_end_growth_bytes"] = clientEnd,
            ["hand_written_peak_growth_bytes"] = rawPeak,
            ["hand_written_end_growth_bytes"] = rawEnd,
            ["client_heap_growth_bytes"] = clientPeak - rawPeak,
        };
    }

    /// <summary>Seeds a fresh engine, drains it with <paramref name="drain"/>; returns the peak and final live-heap growth.</summary>
    private static async Task<(long Peak, long End)> DrainAsync(int count, Func<DlqTestServer, HttpClient, Action<int>, Task<int>> drain)
    {
        using DlqTestServer server = DlqTestServer.Create();
        await BenchData.SeedAsync(server.Store, count, BenchData.OneWorkflow);
        using HttpClient http = server.CreateHttpClient();
        long start = HeapProbe.Live();
        long peak = start;
        int resumed = await drain(server, http, total =>
        {
            if (total % SampleEvery == 0)
            {
                peak = Math.Max(peak, HeapProbe.Live());
            }
        });
        long end = HeapProbe.Live();
        return resumed == count
            ? (Math.Max(peak, end) - start, end - start)
            : throw new InvalidOperationException($"Drained {resumed} of {count} entries.");
    }
}

using System.Net;
using System.Text.Json;
using BulkResume.Emulator;
using BulkResume.IntegrationTests.Support;
using static System.FormattableString;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// Issue 22 over real HTTP: the emulator's clock 8 s off the machine's (the client's), by its <c>clockOffsetMs</c>
/// fault, and a concurrent drain of a DLQ whose latest failures lie near the two clocks' nows.
/// </summary>
public sealed class ClockSkewOverLoopbackTests
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";
    private const int Recent = 2_000;
    private const int Old = 1_000;

    /// <summary>
    /// Ahead (+8 s): the 2,000 recent entries failed 4 to 12 s past the machine's now, where a cut-off at the client's
    /// clock leaves them all though the emulator's clock has passed about half of them (the issue: 1,000 resumed of
    /// 3,000). Behind (-8 s): they failed 4 to 12 s before the emulator's now, so in the past of both clocks; a client
    /// whose clock is ahead must still take each once. Either way the drain must take exactly what a cursor loop takes:
    /// all 3,000.
    /// </summary>
    [Theory]
    [InlineData(8_000)]
    [InlineData(-8_000)]
    public async Task A_drain_at_8_resumes_all_3000_entries_once_when_the_emulators_clock_is_8_s_off_the_clients(int clockOffsetMs)
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        var offset = await EmulatorOverLoopbackTests.AdminAsync(emulator, HttpMethod.Post, "/_emulator/faults", Invariant($"{{\"clockOffsetMs\":{clockOffsetMs}}}"));

        // Without the offset the emulator shares the client's clock and the case is not the one this test is about.
        Assert.True(offset.Status == HttpStatusCode.NoContent, Invariant($"The emulator refused clockOffsetMs {clockOffsetMs}: {(int)offset.Status} {offset.Body}"));
        long machineNow = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long recentFrom = clockOffsetMs > 0 ? machineNow + 4_000 : machineNow + clockOffsetMs - 12_000;
        var old = await EmulatorOverLoopbackTests.AdminAsync(emulator, HttpMethod.Post, "/_emulator/seed", Invariant($"{{\"count\":{Old},\"workflowUrl\":\"{Orders}\",\"failedAt\":{machineNow - 3_600_000}}}"));

        // 4 ms apart, so the 2,000 spread over the whole 8 s rather than crowding its first two.
        var recent = await EmulatorOverLoopbackTests.AdminAsync(emulator, HttpMethod.Post, "/_emulator/seed", Invariant($$"""
            {"entries":[{{string.Join(",", Enumerable.Range(0, Recent).Select(i => Invariant($"{{\"workflowUrl\":\"{Orders}\",\"createdAt\":{recentFrom + (i * 4)}}}")))}}]}
            """));
        Assert.Equal(HttpStatusCode.OK, old.Status);
        Assert.Equal(HttpStatusCode.OK, recent.Status);

        var client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = emulator.Url, Token = emulator.Token });
        List<ResumedRun> runs = await Drain.AllAsync(client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = 8 }));

        var stats = JsonDocument.Parse((await EmulatorOverLoopbackTests.AdminAsync(emulator, HttpMethod.Get, "/_emulator/stats")).Body).RootElement;
        Assert.Equal(Old + Recent, runs.Count);
        Assert.Equal(Old + Recent, runs.Select(run => run.WorkflowRunId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Old + Recent, stats.GetProperty("resumed").GetInt32());
        Assert.Equal(0, stats.GetProperty("dlq").GetInt32());
    }
}

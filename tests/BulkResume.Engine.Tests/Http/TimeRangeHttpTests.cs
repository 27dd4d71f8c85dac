using System.Globalization;
using System.Text.Json;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Http;

/// <summary>Times are milliseconds on the wire: a time a listing shows selects that entry, whatever its sub-millisecond part.</summary>
public sealed class TimeRangeHttpTests : IDisposable
{
    private readonly HttpHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task An_entry_is_selected_by_its_own_listed_failure_time_as_toDate_and_as_fromDate()
    {
        DateTimeOffset failedAt = DateTimeOffset.FromUnixTimeMilliseconds(1752829295505).AddTicks(4_000); // 0.4 ms past
        DlqEntry entry = FailedRun.For(Seed.Orders).WithDlqId("1752829295505-0").FailedAt(failedAt).Build();
        await _harness.Server.Engine.DeadLetterAsync(entry);

        HttpReply listed = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/dlq");
        long shown = JsonDocument.Parse(listed.Body).RootElement.GetProperty("messages")[0].GetProperty("createdAt").GetInt64();
        string at = shown.ToString(CultureInfo.InvariantCulture);
        HttpReply byTo = await _harness.SendAsync(HttpMethod.Get, $"/v2/workflows/dlq?toDate={at}");
        HttpReply byRange = await _harness.SendAsync(HttpMethod.Get, $"/v2/workflows/dlq?fromDate={at}&toDate={at}");
        HttpReply before = await _harness.SendAsync(HttpMethod.Get, $"/v2/workflows/dlq?toDate={shown - 1}");

        Assert.Equal(1752829295505, shown);
        Assert.Equal(1, Count(byTo.Body));
        Assert.Equal(1, Count(byRange.Body));
        Assert.Equal(0, Count(before.Body));
    }

    private static int Count(string body) => JsonDocument.Parse(body).RootElement.GetProperty("messages").GetArrayLength();
}

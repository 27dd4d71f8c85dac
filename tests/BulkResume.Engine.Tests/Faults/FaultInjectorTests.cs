using System.Text;
using BulkResume.Engine.Http;
using Microsoft.Extensions.Time.Testing;

namespace BulkResume.Engine.Tests.Faults;

/// <summary>The fault injector fails, delays, applies-then-fails and rate-limits exactly as told, on the given clock.</summary>
public sealed class FaultInjectorTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_752_829_000));
    private int _applied;

    private ValueTask<DlqApiResponse> Apply(CancellationToken cancellationToken)
    {
        _applied++;
        return ValueTask.FromResult(new DlqApiResponse(200, Encoding.UTF8.GetBytes("{}")));
    }

    [Fact]
    public async Task FailNext_fails_that_many_requests_without_applying_them()
    {
        var faults = new FaultInjector(_time);
        faults.FailNext(2, 503, new Dictionary<string, string> { ["Retry-After"] = "1" });

        FaultedResponse first = await faults.ApplyAsync(Apply);
        FaultedResponse second = await faults.ApplyAsync(Apply);
        FaultedResponse third = await faults.ApplyAsync(Apply);

        Assert.Equal(503, first.Response!.Status);
        Assert.Equal("1", second.Response!.Headers["Retry-After"]);
        Assert.Equal(200, third.Response!.Status);
        Assert.Equal(1, _applied);
    }

    [Fact]
    public async Task ApplyThenFail_commits_and_then_fails_or_drops()
    {
        var faults = new FaultInjector(_time);
        faults.ApplyThenFailNext(2, FaultFailure.ConnectionDrop);

        FaultedResponse dropped = await faults.ApplyAsync(Apply);
        await faults.ApplyAsync(Apply);
        FaultedResponse normal = await faults.ApplyAsync(Apply);

        Assert.True(dropped.DropConnection);
        Assert.Equal(200, normal.Response!.Status);
        Assert.Equal(3, _applied);
        Assert.Equal(2, faults.AppliedThenFailedCount);
    }

    [Fact]
    public async Task The_burst_limit_answers_429_with_headers_until_the_next_second()
    {
        var faults = new FaultInjector(_time);
        faults.SetBurstLimit(2);

        await faults.ApplyAsync(Apply);
        await faults.ApplyAsync(Apply);
        FaultedResponse limited = await faults.ApplyAsync(Apply);
        _time.Advance(TimeSpan.FromSeconds(1));
        FaultedResponse next = await faults.ApplyAsync(Apply);

        Assert.Equal(429, limited.Response!.Status);
        Assert.Equal("2", limited.Response.Headers["Burst-RateLimit-Limit"]);
        Assert.Equal("0", limited.Response.Headers["Burst-RateLimit-Remaining"]);
        Assert.Equal((_time.GetUtcNow().ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture), limited.Response.Headers["Burst-RateLimit-Reset"]);
        Assert.Equal(200, next.Response!.Status);
        Assert.Equal(3, _applied);
        Assert.Equal(1, faults.RateLimitedCount);
    }

    [Fact]
    public async Task Latency_waits_on_the_clock_before_applying()
    {
        var faults = new FaultInjector(_time) { Latency = TimeSpan.FromSeconds(2) };

        ValueTask<FaultedResponse> pending = faults.ApplyAsync(Apply);
        Assert.False(pending.IsCompleted);
        Assert.Equal(0, _applied);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(200, (await pending).Response!.Status);
        Assert.Equal(1, _applied);
    }

    [Fact]
    public async Task Reset_removes_every_fault()
    {
        var faults = new FaultInjector(_time);
        faults.FailNext(3, 500);
        faults.SetBurstLimit(1);
        faults.ApplyThenFailRandomly(1.0, seed: 1);

        faults.Reset();
        FaultedResponse a = await faults.ApplyAsync(Apply);
        FaultedResponse b = await faults.ApplyAsync(Apply);

        Assert.Equal(200, a.Response!.Status);
        Assert.Equal(200, b.Response!.Status);
        Assert.Equal(0, faults.AppliedThenFailedCount);
    }
}

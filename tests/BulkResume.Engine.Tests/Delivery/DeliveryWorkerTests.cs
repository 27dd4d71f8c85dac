using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Delivery.Support;
using Microsoft.Extensions.Time.Testing;

namespace BulkResume.Engine.Tests.Delivery;

/// <summary>The worker's promises: flow control at delivery and Retry-After (deliveries outliving the process that claimed them: <see cref="DeliveryOnEveryStoreTests"/>).</summary>
public sealed class DeliveryWorkerTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_parallelism_2_on_a_key_never_more_than_two_deliveries_are_in_flight()
    {
        using DlqTestServer server = DlqTestServer.Create();
        using HttpClient http = server.CreateHttpClient();
        await using var endpoint = new SdkEndpoint(http, server.Token, "step1", "step2") { Latency = TimeSpan.FromMilliseconds(100) };

        for (int i = 0; i < 6; i++)
        {
            await endpoint.TriggerAsync($"wfr_p{i}", "p", flowControlKey: "k", flowControlValue: "parallelism=2");
        }

        await IdleAsync(server);

        Assert.Equal(18, endpoint.Received.Count);
        Assert.Equal(2, endpoint.MaxInFlight);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(RunState.Success, server.Store.GetRunAsync($"wfr_p{i}").AsTask().Result!.State));
    }

    [Fact]
    public async Task Without_flow_control_the_same_runs_are_delivered_side_by_side()
    {
        using DlqTestServer server = DlqTestServer.Create();
        using HttpClient http = server.CreateHttpClient();
        await using var endpoint = new SdkEndpoint(http, server.Token, "step1", "step2") { Latency = TimeSpan.FromMilliseconds(100) };

        for (int i = 0; i < 6; i++)
        {
            await endpoint.TriggerAsync($"wfr_f{i}", "p");
        }

        await IdleAsync(server);

        Assert.Equal(18, endpoint.Received.Count);
        Assert.True(endpoint.MaxInFlight > 2, $"at most {endpoint.MaxInFlight} in flight");
    }

    [Fact]
    public async Task A_retry_after_answer_delays_the_retry_by_the_engines_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        using DlqTestServer server = DlqTestServer.Create(timeProvider: clock);
        using HttpClient http = server.CreateHttpClient();
        int limited = 0;
        await using var endpoint = new SdkEndpoint(http, server.Token, "step1")
        {
            Override = delivery => !delivery.IsFailureCall && delivery.Elements == 2 && Interlocked.Increment(ref limited) == 1
                ? (429, new Dictionary<string, string> { ["Retry-After"] = "30" })
                : null,
        };

        await endpoint.TriggerAsync("wfr_later", "p", retries: 1, retryDelay: null);
        DeliveryRecord waiting = await WaitForAsync(async () =>
            (await server.Store.GetDeliveriesAsync("wfr_later")).FirstOrDefault(delivery => delivery.DueAt > clock.GetUtcNow() && delivery.LeasedUntil is null));

        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(30), waiting.DueAt);
        Assert.Single(endpoint.Received, delivery => delivery.Elements == 2);
        clock.Advance(TimeSpan.FromSeconds(30));
        await IdleAsync(server);

        Assert.Equal([0, 1], endpoint.Received.Where(delivery => delivery.Elements == 2).Select(delivery => delivery.Retried));
        Assert.Equal(RunState.Success, (await server.Store.GetRunAsync("wfr_later"))!.State);
    }

    private static async Task IdleAsync(DlqTestServer server)
    {
        using var guard = new CancellationTokenSource(Guard);
        await server.Deliveries.WaitUntilIdleAsync(guard.Token);
    }

    /// <summary>Polls until <paramref name="probe"/> finds something (the worker runs on its own).</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(5, guard.Token);
        }
    }
}

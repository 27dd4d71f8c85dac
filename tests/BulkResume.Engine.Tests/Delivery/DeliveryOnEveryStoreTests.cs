using System.Text.Json;
using BulkResume.Engine.PostgreSql;
using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Delivery.Support;
using BulkResume.Engine.Tests.Storage.PostgreSql;
using BulkResume.Engine.Tests.Storage.Sqlite;

namespace BulkResume.Engine.Tests.Delivery;

/// <summary>
/// The delivery protocol over loopback on each store (in memory, a SQLite file, a PostgreSQL database), and what only a
/// durable store can promise: an instance opened again on the same file or database delivers what was due, delivers the
/// unanswered one again once its lease ends, and nothing twice that had been answered.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class DeliveryOnEveryStoreTests(PostgreSqlServerFixture server) : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private static readonly DeliveryWorkerOptions ShortLease = new() { Timeout = TimeSpan.FromSeconds(3), Lease = TimeSpan.FromSeconds(4) };
    private readonly TempDatabase _files = new();
    private readonly List<IDlqStore> _opened = [];

    public static TheoryData<string> Stores => new("memory", "sqlite", "postgresql");

    public async ValueTask DisposeAsync()
    {
        // The SQL stores are both; the in-memory store holds nothing to release.
        foreach (IAsyncDisposable store in _opened.OfType<IAsyncDisposable>())
        {
            await store.DisposeAsync();
        }

        _files.Dispose();
    }

    [SkippableTheory]
    [MemberData(nameof(Stores))]
    public async Task A_run_succeeds_a_failing_one_is_dead_lettered_with_its_failure_call_and_its_resume_is_delivered_the_kept_steps(string kind)
    {
        (IDlqStore store, _) = await OpenAsync(kind);
        using DlqTestServer service = DlqTestServer.Create(store: store);
        using HttpClient http = service.CreateHttpClient();
        var executed = new Dictionary<string, int>(StringComparer.Ordinal);
        bool failStep3 = false;
        await using var endpoint = new SdkEndpoint(http, service.Token, "step1", "step2", "step3")
        {
            Run = (name, _) =>
            {
                lock (executed)
                {
                    executed[name] = executed.GetValueOrDefault(name) + 1;
                }

                return name == "step3" && Volatile.Read(ref failStep3) ? throw new InvalidOperationException("step3 is broken") : "out-" + name;
            },
        };

        await endpoint.TriggerAsync("wfr_ok", """{"order":1}""");
        await IdleAsync(service);
        Volatile.Write(ref failStep3, true);
        await endpoint.TriggerAsync("wfr_fail", "payload", retries: 1);
        await IdleAsync(service);
        DlqEntry entry = Assert.Single((await service.Engine.ListAsync(DlqSelection.All)).Entries);
        Volatile.Write(ref failStep3, false);
        using HttpResponseMessage resumed = await endpoint.CallAsync(HttpMethod.Post, "/v2/workflows/dlq/resume?dlqIds=" + entry.DlqId, body: null);
        string newRunId = JsonDocument.Parse(await resumed.Content.ReadAsStringAsync()).RootElement.GetProperty("workflowRuns")[0].GetProperty("workflowRunId").GetString()!;
        await IdleAsync(service);

        Assert.Equal([1, 2, 3, 4], endpoint.StepDeliveries.Where(delivery => RunOf(delivery) == "wfr_ok").Select(delivery => delivery.Elements));
        Assert.Equal((RunState.Success, "\"done\""), ((await store.GetRunAsync("wfr_ok"))!.State, (await store.GetRunAsync("wfr_ok"))!.Response));
        Assert.Equal("wfr_fail", entry.WorkflowRunId);
        Assert.Equal([0, 1], endpoint.StepDeliveries.Where(delivery => RunOf(delivery) == "wfr_fail" && delivery.Elements == 3).Select(delivery => delivery.Retried));
        Assert.Equal(
            [("init", StepState.Success), ("step1", StepState.Success), ("step2", StepState.Success), ("step3", StepState.Failed)],
            entry.Steps.Select(step => (step.StepName, step.State)));
        ReceivedDelivery failureCall = Assert.Single(endpoint.FailureCalls);
        Assert.Equal("wfr_fail", RunOf(failureCall));
        Assert.Equal(entry.DlqId, JsonDocument.Parse(failureCall.Body).RootElement.GetProperty("dlqId").GetString());
        ReceivedDelivery firstOfResumed = endpoint.StepDeliveries.First(delivery => RunOf(delivery) == newRunId);
        Assert.Equal(["step1", "step2"], firstOfResumed.StepNames);
        Assert.Equal(new Dictionary<string, int> { ["step1"] = 2, ["step2"] = 2, ["step3"] = 4 }, executed);
        Assert.Equal(RunState.Success, (await store.GetRunAsync(newRunId))!.State);
        Assert.Equal(RunState.Failed, (await store.GetRunAsync("wfr_fail"))!.State);
        Assert.Null(await store.GetAsync(entry.DlqId));
        Assert.Null(await store.GetNextDeliveryTimeAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Stores))]
    public async Task An_instance_opened_again_on_the_store_delivers_what_was_due_and_the_unanswered_one_after_its_lease_and_nothing_answered_twice(string kind)
    {
        (IDlqStore store, Func<IDlqStore> reopen) = await OpenAsync(kind);
        DlqTestServer first = DlqTestServer.Create(store: store, deliveryOptions: ShortLease);
        HttpClient firstHttp = first.CreateHttpClient();
        var hold = new TaskCompletionSource<bool>();
        await using var endpoint = new SdkEndpoint(firstHttp, first.Token, "step1", "step2") { Hold = hold, HoldIf = delivery => delivery.Elements == 3 };
        await endpoint.TriggerAsync("wfr_crash", "p");
        await WaitForAsync(async () => endpoint.Received.Count >= 3 && (await store.GetDeliveriesAsync("wfr_crash")).Count == 1 ? true : (bool?)null);

        // wfr_crash: two answers recorded, the third delivery in flight (its lease all that is left of it); wfr_due: enqueued,
        // not due before the first instance stops. The first stops as a killed one would: the lease is not given back.
        await endpoint.TriggerAsync("wfr_due", "q", delay: "1s");
        first.Dispose();
        hold.SetResult(false);
        endpoint.Hold = null;
        DeliveryRecord leased = Assert.Single(await store.GetDeliveriesAsync("wfr_crash"));
        DeliveryRecord due = Assert.Single(await store.GetDeliveriesAsync("wfr_due"));
        Assert.NotNull(leased.LeasedUntil);
        Assert.Null(due.LeasedUntil);
        Assert.Equal(3, endpoint.Received.Count);
        while (DateTimeOffset.UtcNow <= due.DueAt)
        {
            await Task.Delay(20);
        }

        IDlqStore reopened = reopen();
        using DlqTestServer second = DlqTestServer.Create(store: reopened, deliveryOptions: ShortLease);
        using HttpClient secondHttp = second.CreateHttpClient();
        endpoint.Service = secondHttp;
        await IdleAsync(second);
        firstHttp.Dispose();

        string Describe() => string.Join(" | ", endpoint.Received.Select(delivery => $"{RunOf(delivery)} {delivery.Headers["Upstash-Message-Id"]} e{delivery.Elements} r{delivery.Retried} {delivery.At:HH:mm:ss.fff}"));
        var byMessage = endpoint.Received.GroupBy(delivery => delivery.Headers["Upstash-Message-Id"]).ToDictionary(group => group.Key, group => group.ToArray());
        string unanswered = endpoint.Received[2].Headers["Upstash-Message-Id"];
        Assert.True(byMessage[unanswered].Length == 2, Describe());
        Assert.True(byMessage[unanswered][1].At >= leased.LeasedUntil, Describe());
        Assert.True(byMessage.Where(pair => pair.Key != unanswered).All(pair => pair.Value.Length == 1), Describe());
        Assert.Equal([1, 2, 3], endpoint.Received.Where(delivery => RunOf(delivery) == "wfr_due").Select(delivery => delivery.Elements));
        Assert.Equal(RunState.Success, (await reopened.GetRunAsync("wfr_crash"))!.State);
        Assert.Equal(RunState.Success, (await reopened.GetRunAsync("wfr_due"))!.State);
    }

    [SkippableFact]
    public async Task Two_instances_on_one_PostgreSQL_database_deliver_each_message_once()
    {
        (IDlqStore store, Func<IDlqStore> reopen) = await OpenAsync("postgresql");
        var polling = new DeliveryWorkerOptions { PollInterval = TimeSpan.FromMilliseconds(20) };
        using DlqTestServer one = DlqTestServer.Create(store: store, deliveryOptions: polling);
        using DlqTestServer two = DlqTestServer.Create(store: reopen(), deliveryOptions: polling);
        using HttpClient httpOne = one.CreateHttpClient();
        using HttpClient httpTwo = two.CreateHttpClient();

        // Half the runs triggered and published through each instance: each worker is woken by its own and polls for the
        // other's, so both claim from the same due rows.
        await using var endpointOne = new SdkEndpoint(httpOne, one.Token, "step1", "step2") { Latency = TimeSpan.FromMilliseconds(20) };
        await using var endpointTwo = new SdkEndpoint(httpTwo, two.Token, "step1", "step2") { Latency = TimeSpan.FromMilliseconds(20) };
        const int Runs = 20;
        for (int i = 0; i < Runs; i++)
        {
            await (i % 2 == 0 ? endpointOne : endpointTwo).TriggerAsync($"wfr_two{i}", "p");
        }

        await WaitForAsync(async () =>
        {
            for (int i = 0; i < Runs; i++)
            {
                if ((await store.GetRunAsync($"wfr_two{i}"))!.State != RunState.Success)
                {
                    return (bool?)null;
                }
            }

            return true;
        });

        ReceivedDelivery[] received = [.. endpointOne.Received, .. endpointTwo.Received];
        Assert.Equal(3 * Runs, received.Length);
        Assert.All(received.GroupBy(delivery => delivery.Headers["Upstash-Message-Id"]), group => Assert.Single(group));
    }

    [SkippableFact]
    public async Task Parallel_step_messages_for_one_run_through_the_HTTP_API_on_PostgreSQL_are_all_appended()
    {
        (IDlqStore store, _) = await OpenAsync("postgresql");
        using DlqTestServer service = DlqTestServer.Create(store: store);
        using HttpClient http = service.CreateHttpClient();
        var hold = new TaskCompletionSource<bool>();
        await using var endpoint = new SdkEndpoint(http, service.Token, "step1") { Hold = hold };
        await endpoint.TriggerAsync("wfr_parallel", "p");
        const int Parallel = 24;

        HttpResponseMessage[] answers = await Task.WhenAll(Enumerable.Range(1, Parallel).Select(i => Task.Run(() => endpoint.CallAsync(
            HttpMethod.Post,
            "/v2/batch",
            $$"""[{"destination":"{{endpoint.Url}}","headers":{"Upstash-Workflow-RunId":"wfr_parallel","upstash-workflow-init":"false"},"body":"{\"stepId\":{{i}},\"stepName\":\"p{{i}}\",\"stepType\":\"Run\",\"out\":\"{{i}}\",\"concurrent\":{{Parallel}}}"}]"""))));
        RunRecord run = (await store.GetRunAsync("wfr_parallel"))!;
        int enqueued = (await store.GetDeliveriesAsync("wfr_parallel")).Count;
        hold.SetResult(false);

        Assert.All(answers, answer => Assert.True(answer.IsSuccessStatusCode, answer.StatusCode.ToString()));
        Assert.Equal(1 + Parallel, run.Delivered!.History.Count);
        Assert.Equal(
            Enumerable.Range(1, Parallel).Select(i => "p" + i).Order(StringComparer.Ordinal),
            run.Steps.Skip(1).Select(step => step.StepName).Order(StringComparer.Ordinal));
        Assert.Equal(1 + Parallel, enqueued);
        foreach (HttpResponseMessage answer in answers)
        {
            answer.Dispose();
        }
    }

    private static string RunOf(ReceivedDelivery delivery) => delivery.Headers["Upstash-Workflow-RunId"];

    /// <summary>A new store of <paramref name="kind"/>, and how to open it again as a restarted process would (memory: the same object).</summary>
    private async Task<(IDlqStore Store, Func<IDlqStore> Reopen)> OpenAsync(string kind)
    {
        Func<IDlqStore> open;
        switch (kind)
        {
            case "memory":
                var memory = new InMemoryDlqStore();
                open = () => memory;
                break;
            case "sqlite":
                string path = _files.Path;
                open = () => SqliteDlqStore.Open(path);
                break;
            default:
                string database = await server.CreateDatabaseAsync();
                open = () => PostgreSqlDlqStore.Create(database);
                break;
        }

        IDlqStore Track()
        {
            IDlqStore store = open();
            if (!_opened.Contains(store))
            {
                _opened.Add(store);
            }

            return store;
        }

        return (Track(), Track);
    }

    private static async Task IdleAsync(DlqTestServer server)
    {
        using var guard = new CancellationTokenSource(Guard);
        await server.Deliveries.WaitUntilIdleAsync(guard.Token);
    }

    /// <summary>Polls until <paramref name="probe"/> finds something (the workers run on their own).</summary>
    private static async Task WaitForAsync(Func<Task<bool?>> probe)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (await probe() is null)
        {
            await Task.Delay(5, guard.Token);
        }
    }
}

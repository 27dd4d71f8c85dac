using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BulkResume.Emulator;
using BulkResume.Engine;
using BulkResume.Engine.Storage;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>WorkflowClient against WorkflowEmulator over real HTTP on 127.0.0.1, and the admin API.</summary>
public sealed class EmulatorOverLoopbackTests
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";

    private static WorkflowClient ClientFor(WorkflowEmulator emulator) =>
        new(new WorkflowClientOptions { BaseUrl = emulator.Url, Token = emulator.Token });

    internal static async Task<(HttpStatusCode Status, string Body)> AdminAsync(WorkflowEmulator emulator, HttpMethod method, string path, string? json = null, string? token = null)
    {
        using var http = new HttpClient { BaseAddress = emulator.Url };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? emulator.Token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The failure times of the seeded entries, in the order the seed answered their ids.</summary>
    private static async Task<long[]> FailureTimesAsync(WorkflowEmulator emulator, string seedAnswer)
    {
        var times = new List<long>();
        foreach (System.Text.Json.JsonElement id in System.Text.Json.JsonDocument.Parse(seedAnswer).RootElement.GetProperty("dlqIds").EnumerateArray())
        {
            times.Add((await emulator.Store.GetAsync(id.GetString()!))!.CreatedAt.ToUnixTimeMilliseconds());
        }

        return [.. times];
    }

    [Fact]
    public async Task The_emulator_binds_loopback_on_a_free_port()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        Assert.Equal("127.0.0.1", emulator.Url.Host);
        Assert.NotEqual(0, emulator.Url.Port);
        Assert.StartsWith("emu_", emulator.Token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_drains_a_seeded_dlq_over_loopback()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        await emulator.Engine.DeadLetterAsync(FailedRuns.Many(230, Orders, FailedRun.DefaultFailedAt));

        List<ResumedRun> runs = await Drain.AllAsync(ClientFor(emulator).Dlq.BulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(Orders)));

        Assert.Equal(230, runs.Count);
        Assert.Equal(230, runs.Select(r => r.WorkflowRunId).Distinct().Count());
        Assert.Equal(0, (await emulator.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    [Fact]
    public async Task Admin_seed_short_form_then_stats_count_from_the_store()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        var seeded = await AdminAsync(emulator, HttpMethod.Post, "/_emulator/seed", """{"count":12,"workflowUrl":"https://a.example/w","failedAt":1752829295505,"labels":["eu"],"flowControlKey":"k","completedSteps":2}""");
        await Drain.AllAsync(ClientFor(emulator).Dlq.BulkResumeAsync(ResumeFilter.Create().WithLabel("eu"), new ResumeOptions { PageSize = 5 }));
        var stats = await AdminAsync(emulator, HttpMethod.Get, "/_emulator/stats");

        Assert.Equal(HttpStatusCode.OK, seeded.Status);
        Assert.Equal(12, System.Text.Json.JsonDocument.Parse(seeded.Body).RootElement.GetProperty("dlqIds").GetArrayLength());
        Assert.Equal("""{"dlq":0,"resumed":12,"restarted":0,"runs":{"RUN_STARTED":12,"RUN_SUCCESS":0,"RUN_FAILED":12,"RUN_CANCELED":0}}""", stats.Body);
    }

    [Fact]
    public async Task Admin_seed_short_form_ends_at_failedAt_with_the_entries_before_it_a_millisecond_apart_in_order()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        var seeded = await AdminAsync(emulator, HttpMethod.Post, "/_emulator/seed", """{"count":3,"failedAt":1752829295505}""");
        long[] failedAt = await FailureTimesAsync(emulator, seeded.Body);

        Assert.Equal([1752829295503, 1752829295504, 1752829295505], failedAt);
    }

    [Fact]
    public async Task Admin_seed_short_form_without_failedAt_ends_now_so_that_no_entry_fails_in_the_future()
    {
        var clock = new FakeClock();
        await using var emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions { TimeProvider = clock });
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();

        var seeded = await AdminAsync(emulator, HttpMethod.Post, "/_emulator/seed", """{"count":3}""");
        long[] failedAt = await FailureTimesAsync(emulator, seeded.Body);

        Assert.Equal([now - 2, now - 1, now], failedAt);
    }

    [Fact]
    public async Task Admin_seed_full_form_keeps_the_given_fields_and_steps()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        var seeded = await AdminAsync(emulator, HttpMethod.Post, "/_emulator/seed", """
            {"entries":[{"dlqId":"1752829295505-0","workflowRunId":"wfr_given","workflowUrl":"https://a.example/w","createdAt":1752829295505,
              "callerIP":"198.51.100.4","labels":["x"],"responseStatus":502,"failureCallbackState":"CALLBACK_FAIL",
              "steps":[{"stepName":"init","stepType":"Initial","state":"STEP_SUCCESS","out":"{}"},{"stepName":"charge","state":"STEP_FAILED"}]}]}
            """);

        Assert.Equal(HttpStatusCode.OK, seeded.Status);
        var entry = await emulator.Store.GetAsync("1752829295505-0");
        Assert.NotNull(entry);
        Assert.Equal("wfr_given", entry.WorkflowRunId);
        Assert.Equal("198.51.100.4", entry.CallerIp);
        Assert.Equal(502, entry.ResponseStatus);
        Assert.Equal(["init", "charge"], entry.Steps.Select(s => s.StepName));
        Assert.Equal(Engine.CallbackState.Fail, entry.FailureCallbackInfo?.State);
    }

    [Theory]
    [InlineData("""{"count":0}""", "count must be from 1 to 10000; got 0")]
    [InlineData("""{"entries":[{"dlqId":"x"}]}""", "workflowUrl is required")]
    [InlineData("""{"entries":[{"workflowUrl":"https://a/w","steps":[{"stepName":"s","state":"DONE"}]}]}""", "state must be one of")]
    [InlineData("""{"cuont":3}""", "cuont is not a field of this endpoint")]
    public async Task Admin_seed_refuses_bad_input_and_seeds_nothing(string json, string expected)
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        var answer = await AdminAsync(emulator, HttpMethod.Post, "/_emulator/seed", json);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(expected, answer.Body, StringComparison.Ordinal);
        Assert.Equal(0, (await emulator.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    [Fact]
    public async Task Admin_faults_make_the_client_retry_and_reset_clears_everything()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        await emulator.Engine.DeadLetterAsync(FailedRuns.Many(10, Orders, FailedRun.DefaultFailedAt));

        var faults = await AdminAsync(emulator, HttpMethod.Post, "/_emulator/faults", """{"failNext":{"count":2,"status":503}}""");
        var client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = emulator.Url, Token = emulator.Token, Retry = { BaseDelay = TimeSpan.FromMilliseconds(1) } });
        List<ResumedRun> runs = await Drain.AllAsync(client.Dlq.BulkResumeAsync(ResumeFilter.All()));
        var reset = await AdminAsync(emulator, HttpMethod.Post, "/_emulator/reset");

        Assert.Equal(HttpStatusCode.NoContent, faults.Status);
        Assert.Equal(10, runs.Count);
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Equal("""{"dlq":0,"resumed":0,"restarted":0,"runs":{"RUN_STARTED":0,"RUN_SUCCESS":0,"RUN_FAILED":0,"RUN_CANCELED":0}}""", (await AdminAsync(emulator, HttpMethod.Get, "/_emulator/stats")).Body);
    }

    [Fact]
    public async Task Admin_requests_need_the_token_and_unknown_admin_routes_are_404()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        var wrong = await AdminAsync(emulator, HttpMethod.Get, "/_emulator/stats", token: "nope");
        var unknown = await AdminAsync(emulator, HttpMethod.Get, "/_emulator/nothing");
        var method = await AdminAsync(emulator, HttpMethod.Get, "/_emulator/seed");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.Status);
    }

    [Fact]
    public async Task Without_authentication_any_caller_is_served()
    {
        await using var emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions { DisableAuthentication = true });
        await emulator.Engine.DeadLetterAsync(FailedRuns.Many(3, Orders, FailedRun.DefaultFailedAt));

        var client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = emulator.Url, Token = "anything" });
        List<ResumedRun> runs = await Drain.AllAsync(client.Dlq.BulkResumeAsync(ResumeFilter.All()));

        Assert.Equal(3, runs.Count);
    }

    [Fact]
    public async Task A_dropped_connection_fault_is_a_real_dropped_connection()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        await emulator.Engine.DeadLetterAsync(FailedRuns.Many(4, Orders, FailedRun.DefaultFailedAt));
        string[] ids = (await emulator.Store.QueryAsync(new Engine.Storage.DlqQuery(Engine.DlqSelection.All, null, 10))).Select(e => e.DlqId).ToArray();
        emulator.Faults.ApplyThenFailNext(1, Engine.FaultFailure.ConnectionDrop);
        var client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = emulator.Url, Token = emulator.Token, Retry = { BaseDelay = TimeSpan.FromMilliseconds(1) } });

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => Drain.AllAsync(client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids))));

        Assert.Equal(ids, error.InDoubtIds);
        Assert.Equal(0, (await emulator.Store.GetStatisticsAsync()).DlqEntryCount);
    }
}

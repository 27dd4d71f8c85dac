using System.Net;
using System.Text.Json;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.BulkActions;

/// <summary>The async bulk action endpoints through the in-process test double: what they answer, refuse and do.</summary>
public sealed class BulkActionsHttpTests : IDisposable
{
    private const string ResumeBulk = "/v2/workflows/dlq/resume/bulk";
    private const string RestartBulk = "/v2/workflows/dlq/restart/bulk";
    private const string DeleteBulk = "/v2/workflows/dlq/bulk";
    private const string Actions = "/v2/workflows/bulkActions";
    private readonly HttpHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("POST", ResumeBulk + "?dlqIds=dlq-00001", "dlqIds")]
    [InlineData("POST", ResumeBulk + "?cursor=abc", "cursor")]
    [InlineData("POST", RestartBulk + "?count=5", "count")]
    [InlineData("DELETE", DeleteBulk + "?lable=eu", "lable")]
    [InlineData("DELETE", DeleteBulk + "?label=", "label")]
    [InlineData("POST", ResumeBulk + "?label=eu,,us", "label")]
    [InlineData("POST", ResumeBulk + "?fromDate=yesterday", "fromDate")]
    [InlineData("POST", RestartBulk + "?fromDate=1752829299000&toDate=1752829295000", "fromDate")]
    [InlineData("POST", ResumeBulk + "?callerIp=not-an-ip", "callerIp")]
    [InlineData("POST", ResumeBulk + "?workflowRunId=a&workflowRunId=b", "workflowRunId")]
    [InlineData("POST", ResumeBulk + "?failureFunctionState=CALLBACK_NOPE", "failureFunctionState")]
    public async Task A_malformed_selection_is_refused_naming_the_parameter_and_nothing_is_created(string method, string target, string parameter)
    {
        await SeedAsync(5);

        HttpReply reply = await _harness.SendAsync(new HttpMethod(method), target);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(parameter, reply.Error, StringComparison.Ordinal);
        await AssertNothingCreatedAsync();
    }

    [Theory]
    [InlineData("Upstash-Retries", "-1")]
    [InlineData("Upstash-Retries", "many")]
    [InlineData("Upstash-Delay", "10")]
    [InlineData("Upstash-Flow-Control-Value", "parallelism=2")]
    [InlineData("Upstash-Failure-Callback", "ftp://example.com/x")]
    public async Task A_bad_override_header_is_refused_naming_it_and_nothing_is_created(string header, string value)
    {
        await SeedAsync(5);

        HttpReply reply = await _harness.SendAsync(HttpMethod.Post, ResumeBulk, request => request.Headers.TryAddWithoutValidation(header, value));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(header, reply.Error, StringComparison.Ordinal);
        await AssertNothingCreatedAsync();
    }

    [Fact]
    public async Task An_async_resume_answers_its_id_at_once_and_reports_its_progress_until_it_finishes()
    {
        await SeedAsync(120);
        _harness.Server.Faults.HoldBulkActions = true;

        HttpReply started = await _harness.SendAsync(HttpMethod.Post, ResumeBulk + "?workflowUrl=" + Uri.EscapeDataString(Seed.Orders) + "&fromDate=1752829295505");
        string id = started.Json.GetProperty("actionId").GetString()!;
        JsonElement running = (await _harness.SendAsync(HttpMethod.Get, Actions + "/" + id)).Json;

        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal(["actionId"], started.Json.EnumerateObject().Select(property => property.Name));
        Assert.Equal(
            ["actionId", "kind", "state", "total", "processed", "createdAt", "filter"],
            running.EnumerateObject().Select(property => property.Name));
        Assert.Equal("resume", running.GetProperty("kind").GetString());
        Assert.Equal("IN_PROGRESS", running.GetProperty("state").GetString());
        Assert.Equal(120, running.GetProperty("total").GetInt64());
        Assert.Equal(0, running.GetProperty("processed").GetInt64());
        Assert.Equal(_harness.Clock.GetUtcNow().ToUnixTimeMilliseconds(), running.GetProperty("createdAt").GetInt64());
        Assert.Equal("""{"fromDate":["1752829295505"],"workflowUrl":["https://example.com/api/orders"]}""", running.GetProperty("filter").GetRawText());
        Assert.Equal(120, await _harness.DlqCountAsync());

        _harness.Server.Faults.HoldBulkActions = false;
        await _harness.Server.BulkActions.WaitUntilIdleAsync();
        JsonElement finished = (await _harness.SendAsync(HttpMethod.Get, Actions + "/" + id)).Json;

        Assert.Equal("FINISHED", finished.GetProperty("state").GetString());
        Assert.Equal(120, finished.GetProperty("processed").GetInt64());
        Assert.Equal(_harness.Clock.GetUtcNow().ToUnixTimeMilliseconds(), finished.GetProperty("completedAt").GetInt64());
        Assert.Equal(0, await _harness.DlqCountAsync());
    }

    [Fact]
    public async Task An_async_restart_applies_its_override_headers_to_every_run_it_makes()
    {
        await SeedAsync(60);

        HttpReply started = await _harness.SendAsync(HttpMethod.Post, RestartBulk, request =>
        {
            request.Headers.TryAddWithoutValidation("Upstash-Retries", "7");
            request.Headers.TryAddWithoutValidation("Upstash-Label", "replayed");
        });
        await _harness.Server.BulkActions.WaitUntilIdleAsync();

        Assert.Equal(HttpStatusCode.OK, started.Status);
        IReadOnlyList<RunRecord> runs = await _harness.Server.Store.QueryRunsAsync(
            new Engine.Storage.RunQuery(new RunSelection { State = RunState.Started }, null, 1000));
        Assert.Equal(60, runs.Count);
        Assert.All(runs, run =>
        {
            Assert.Equal(WorkflowRunOrigin.Restarted, run.Origin);
            Assert.Equal(["replayed"], run.Labels);
            Assert.Equal(7, run.Configuration.Retries);
        });
    }

    [Fact]
    public async Task An_identical_request_while_one_runs_returns_its_id_whatever_the_order_and_other_overrides_get_409()
    {
        await SeedAsync(10);
        _harness.Server.Faults.HoldBulkActions = true;

        string id = (await StartAsync(HttpMethod.Post, ResumeBulk + "?label=eu&label=us&workflowUrl=" + Uri.EscapeDataString(Seed.Orders), "3")).Json.GetProperty("actionId").GetString()!;
        HttpReply same = await StartAsync(HttpMethod.Post, ResumeBulk + "?workflowUrl=" + Uri.EscapeDataString(Seed.Orders) + "&label=us,eu", "3");
        HttpReply other = await StartAsync(HttpMethod.Post, ResumeBulk + "?workflowUrl=" + Uri.EscapeDataString(Seed.Orders) + "&label=us,eu", "4");
        HttpReply delete = await _harness.SendAsync(HttpMethod.Delete, DeleteBulk + "?workflowUrl=" + Uri.EscapeDataString(Seed.Orders) + "&label=us,eu");

        Assert.Equal(id, same.Json.GetProperty("actionId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Contains(id, other.Error, StringComparison.Ordinal);
        Assert.Contains("override headers", other.Error, StringComparison.Ordinal);
        Assert.NotEqual(id, delete.Json.GetProperty("actionId").GetString());
        Assert.Equal(2, (await _harness.SendAsync(HttpMethod.Get, Actions)).Json.GetProperty("bulkActions").GetArrayLength());
    }

    [Fact]
    public async Task An_async_delete_removes_the_selected_entries_without_runs()
    {
        await _harness.Server.Engine.DeadLetterAsync(FailedRuns.Many(6, i => FailedRun.For(Seed.Orders).WithDlqId($"dlq-{i}").WithLabels(i % 2 == 0 ? "eu" : "us").FailedAt(Seed.T0.AddSeconds(i))));

        HttpReply started = await _harness.SendAsync(HttpMethod.Delete, DeleteBulk + "?label=eu");
        await _harness.Server.BulkActions.WaitUntilIdleAsync();

        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal(3, await _harness.DlqCountAsync());
        Assert.Equal(0, (await _harness.Server.Store.GetStatisticsAsync()).RunsByOrigin.GetValueOrDefault(WorkflowRunOrigin.Resumed));
        JsonElement action = (await _harness.SendAsync(HttpMethod.Get, Actions + "/" + started.Json.GetProperty("actionId").GetString())).Json;
        Assert.Equal("delete", action.GetProperty("kind").GetString());
        Assert.Equal(3, action.GetProperty("processed").GetInt64());
    }

    [Fact]
    public async Task An_unknown_or_expired_action_is_404()
    {
        await SeedAsync(1);
        string id = (await _harness.SendAsync(HttpMethod.Post, ResumeBulk)).Json.GetProperty("actionId").GetString()!;
        await _harness.Server.BulkActions.WaitUntilIdleAsync();

        HttpReply unknown = await _harness.SendAsync(HttpMethod.Get, Actions + "/bulk_nope");
        _harness.Clock.Advance(TimeSpan.FromDays(7));
        HttpReply kept = await _harness.SendAsync(HttpMethod.Get, Actions + "/" + id);
        _harness.Clock.Advance(TimeSpan.FromMilliseconds(1));
        HttpReply expired = await _harness.SendAsync(HttpMethod.Get, Actions + "/" + id);

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("bulk_nope", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, kept.Status);
        Assert.Equal(HttpStatusCode.NotFound, expired.Status);
        Assert.Empty((await _harness.SendAsync(HttpMethod.Get, Actions)).Json.GetProperty("bulkActions").EnumerateArray());
    }

    [Theory]
    [InlineData("?count=0", "count")]
    [InlineData("?count=many", "count")]
    [InlineData("?state=DONE", "state")]
    [InlineData("?state=IN_PROGRESS&state=FINISHED", "state")]
    [InlineData("?label=eu", "label")]
    public async Task The_list_refuses_a_bad_parameter_naming_it(string query, string parameter)
    {
        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, Actions + query);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(parameter, reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_reads_a_count_over_1000_as_1000_and_pages_newest_first()
    {
        await SeedAsync(3);
        _harness.Server.Faults.HoldBulkActions = true;
        var ids = new List<string>();
        foreach (string label in new[] { "a", "b", "c" })
        {
            ids.Add((await _harness.SendAsync(HttpMethod.Post, ResumeBulk + "?label=" + label)).Json.GetProperty("actionId").GetString()!);
            _harness.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        HttpReply all = await _harness.SendAsync(HttpMethod.Get, Actions + "?count=5000");
        HttpReply first = await _harness.SendAsync(HttpMethod.Get, Actions + "?count=2");
        HttpReply rest = await _harness.SendAsync(HttpMethod.Get, Actions + "?count=2&cursor=" + Uri.EscapeDataString(first.Json.GetProperty("cursor").GetString()!));

        Assert.Equal(ids.AsEnumerable().Reverse(), IdsOf(all));
        Assert.False(all.Json.TryGetProperty("cursor", out _));
        Assert.Equal(ids.AsEnumerable().Reverse().Take(2), IdsOf(first));
        Assert.Equal([ids[0]], IdsOf(rest));
        Assert.False(rest.Json.TryGetProperty("cursor", out _));
    }

    private static IEnumerable<string> IdsOf(HttpReply reply) =>
        reply.Json.GetProperty("bulkActions").EnumerateArray().Select(action => action.GetProperty("actionId").GetString()!);

    private Task<HttpReply> StartAsync(HttpMethod method, string target, string retries) =>
        _harness.SendAsync(method, target, request => request.Headers.TryAddWithoutValidation("Upstash-Retries", retries));

    private ValueTask SeedAsync(int count) => _harness.Server.Engine.DeadLetterAsync(Seed.Entries(count));

    private async Task AssertNothingCreatedAsync()
    {
        HttpReply list = await _harness.SendAsync(HttpMethod.Get, Actions);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Empty(list.Json.GetProperty("bulkActions").EnumerateArray());
    }
}

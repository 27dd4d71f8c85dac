using System.Net;
using System.Text.Json;
using BulkResume.Emulator;
using BulkResume.IntegrationTests.Support;
using static BulkResume.IntegrationTests.Loopback.EmulatorOverLoopbackTests;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// The emulator's bulk actions over loopback with <c>holdBulkActions</c>: an action held in progress, an identical request
/// answered its id, one with other overrides refused with 409, and after the release the action finishing with
/// <c>processed == total</c>; the SDK's async cancel of runs carried out by the emulator.
/// </summary>
public sealed class EmulatorBulkActionsTests
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";

    [Fact]
    public async Task A_held_action_stays_in_progress_answers_identical_requests_and_finishes_once_released()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(emulator, HttpMethod.Post, "/_emulator/seed", $$"""{"count":300,"workflowUrl":"{{Orders}}"}""")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(emulator, HttpMethod.Post, "/_emulator/faults", """{"holdBulkActions":true}""")).Status);
        string target = "/v2/workflows/dlq/resume/bulk?workflowUrl=" + Uri.EscapeDataString(Orders);

        (HttpStatusCode status, string body) = await AdminAsync(emulator, HttpMethod.Post, target);
        string id = JsonDocument.Parse(body).RootElement.GetProperty("actionId").GetString()!;
        (_, string again) = await AdminAsync(emulator, HttpMethod.Post, target);
        HttpStatusCode other = await StartWithRetriesAsync(emulator, target, "5");
        (_, string running) = await AdminAsync(emulator, HttpMethod.Get, "/v2/workflows/bulkActions/" + id);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, JsonDocument.Parse(again).RootElement.GetProperty("actionId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, other);
        Assert.Equal("IN_PROGRESS", JsonDocument.Parse(running).RootElement.GetProperty("state").GetString());
        Assert.Equal(0, JsonDocument.Parse(running).RootElement.GetProperty("processed").GetInt64());
        Assert.True(emulator.Faults.HoldBulkActions);

        await AdminAsync(emulator, HttpMethod.Post, "/_emulator/faults", """{"holdBulkActions":false}""");
        await emulator.BulkActions.WaitUntilIdleAsync();
        JsonElement finished = JsonDocument.Parse((await AdminAsync(emulator, HttpMethod.Get, "/v2/workflows/bulkActions/" + id)).Body).RootElement;

        Assert.Equal("FINISHED", finished.GetProperty("state").GetString());
        Assert.Equal(300, finished.GetProperty("total").GetInt64());
        Assert.Equal(300, finished.GetProperty("processed").GetInt64());
    }

    [Fact]
    public async Task The_sdks_async_cancel_cancels_each_run_in_progress_it_selects_once_and_finishes_with_processed_equal_to_total()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        await AdminAsync(emulator, HttpMethod.Post, "/_emulator/seed", $$"""{"count":120,"workflowUrl":"{{Orders}}"}""");
        await AdminAsync(emulator, HttpMethod.Post, "/_emulator/seed", $$"""{"count":30,"workflowUrl":"{{Orders}}-v2"}""");
        var client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = emulator.Url, Token = emulator.Token });
        await Drain.AllAsync(client.Dlq.BulkResumeAsync(ResumeFilter.All()));

        BulkActionOperation operation = await client.Runs.StartBulkCancelAsync(RunCancelFilter.Create().ForWorkflowUrl(Orders));
        BulkAction finished = await operation.WaitForCompletionAsync(TimeSpan.FromMilliseconds(20));

        Assert.Equal((BulkActionKind.Cancel, BulkActionState.Finished, 120L, 120L), (finished.Kind, finished.State, finished.Total, finished.Processed));
        var canceled = await Drain.AllAsync(client.Runs.ListAsync(RunFilter.Create().InState(WorkflowRunState.Canceled)));
        var running = await Drain.AllAsync(client.Runs.ListAsync(RunFilter.Create().InState(WorkflowRunState.Started)));
        Assert.Equal(120, canceled.Select(run => run.WorkflowRunId).Distinct().Count());
        Assert.All(canceled, run => Assert.Equal(Orders, run.WorkflowUrl));
        Assert.Equal(30, running.Count);
        Assert.All(running, run => Assert.Equal(Orders + "-v2", run.WorkflowUrl));
    }

    [Fact]
    public async Task Reset_releases_held_actions()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        await AdminAsync(emulator, HttpMethod.Post, "/_emulator/faults", """{"holdBulkActions":true}""");

        await AdminAsync(emulator, HttpMethod.Post, "/_emulator/faults", """{"reset":true}""");

        Assert.False(emulator.Faults.HoldBulkActions);
    }

    private static async Task<HttpStatusCode> StartWithRetriesAsync(WorkflowEmulator emulator, string target, string retries)
    {
        using var http = new HttpClient { BaseAddress = emulator.Url };
        using var request = new HttpRequestMessage(HttpMethod.Post, target);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", emulator.Token);
        request.Headers.TryAddWithoutValidation("Upstash-Retries", retries);
        using HttpResponseMessage response = await http.SendAsync(request);
        return response.StatusCode;
    }
}

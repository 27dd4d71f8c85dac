using System.Globalization;
using BulkResume.Client.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.BulkActions;

/// <summary>
/// Watching a bulk action: each status read is <c>GET /v2/workflows/bulkActions/{actionId}</c>; the wait reads until
/// the action has finished, telling the progress reporter every status; a 429 holds the next read until its
/// <c>Retry-After</c>; cancelling the wait stops watching and sends nothing else; 404 is the client's error for it.
/// </summary>
public sealed class BulkActionOperationTests : WireMockTestBase
{
    private const string ActionId = "act_1";
    private const string ActionPath = "/v2/workflows/bulkActions/" + ActionId;
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(1);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_752_829_000));
    private readonly InFlightCounter _wire = new();

    private static string ActionJson(string state, long processed, long total = 3, long? completedAt = null, string kind = "resume")
    {
        var completed = completedAt is { } at ? string.Create(CultureInfo.InvariantCulture, $",\"completedAt\":{at}") : string.Empty;
        return $$"""{"actionId":"{{ActionId}}","kind":"{{kind}}","state":"{{state}}","total":{{total}},"processed":{{processed}},"createdAt":1752829295505{{completed}},"filter":{"label":["eu","us"],"fromDate":["1752829295505"]} }""";
    }

    private static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    /// <summary>Answers the reads of the action with <paramref name="answers"/> in turn, the last one from then on.</summary>
    private void StubReads(params IResponseBuilder[] answers)
    {
        if (answers.Length == 1)
        {
            Server.Given(Request.Create().WithPath(ActionPath).UsingGet()).RespondWith(answers[0]);
            return;
        }

        for (var i = 0; i < answers.Length; i++)
        {
            var mapping = Server.Given(Request.Create().WithPath(ActionPath).UsingGet()).AtPriority(answers.Length - i).InScenario("reads");
            mapping = i == 0 ? mapping : mapping.WhenStateIs($"read {i}");
            mapping.WillSetStateTo($"read {Math.Min(i + 1, answers.Length - 1)}").RespondWith(answers[i]);
        }
    }

    private WorkflowClient FakeClockClient(bool retryEnabled) =>
        new(new HttpClient(_wire), new WorkflowClientOptions { BaseUrl = new Uri(Server.Url!), Token = Token, Retry = { Enabled = retryEnabled } }, loggerFactory: null, _time);

    /// <summary>Moves the fake clock in steps of 100 ms, only while no request is on the wire, until the task ends.</summary>
    private async Task<T> DriveAsync<T>(Task<T> task, int maxSteps = 2_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await StepAsync();
        }

        return await task;
    }

    private async Task StepAsync()
    {
        await Task.Delay(5);
        if (_wire.Idle)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public async Task A_status_read_gets_the_action_by_its_escaped_id_and_maps_every_field()
    {
        Server.Given(Request.Create().UsingGet()).RespondWith(Json(200, ActionJson("FINISHED", 3, completedAt: 1752829299999).Replace(ActionId, "act/1 2", StringComparison.Ordinal)));
        var operation = Client.BulkActions.GetOperation("act/1 2");

        var action = await operation.UpdateStatusAsync();

        var request = Assert.Single(Requests);
        Assert.Equal("GET", request.Method);
        Assert.EndsWith("/v2/workflows/bulkActions/act%2F1%202", new Uri(request.AbsoluteUrl).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(string.Empty, QueryOf(request));
        Assert.Equal("act/1 2", action.ActionId);
        Assert.Equal(BulkActionKind.Resume, action.Kind);
        Assert.Equal(BulkActionState.Finished, action.State);
        Assert.Equal((3L, 3L), (action.Total, action.Processed));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829295505), action.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829299999), action.CompletedAt);
        Assert.Equal(["eu", "us"], action.Filter["label"]);
        Assert.Equal(["1752829295505"], action.Filter["fromDate"]);
        Assert.Same(action, operation.Value);
        Assert.True(operation.HasCompleted);
        Assert.Equal("act/1 2 resume FINISHED 3/3", action.ToString());
        Assert.Equal("act/1 2 (FINISHED 3/3)", operation.ToString());
    }

    [Fact]
    public async Task The_wait_reads_until_the_action_finishes_and_the_progress_reporter_hears_every_status_in_order()
    {
        StubReads(Json(200, ActionJson("IN_PROGRESS", 0)), Json(200, ActionJson("IN_PROGRESS", 2)), Json(200, ActionJson("FINISHED", 3, completedAt: 1752829299999)));
        var operation = Client.BulkActions.GetOperation(ActionId);
        var progress = new Recorder();

        var finished = await operation.WaitForCompletionAsync(Fast, progress);

        Assert.Equal([0L, 2L, 3L], progress.Seen.Select(action => action.Processed));
        Assert.Equal(["IN_PROGRESS", "IN_PROGRESS", "FINISHED"], progress.Seen.Select(action => action.State.ToString()));
        Assert.Same(progress.Seen[^1], finished);
        Assert.Same(finished, operation.Value);
        Assert.True(operation.HasCompleted);
        Assert.Equal(3, Requests.Count);
        Assert.All(Requests, request => Assert.Equal(("GET", ActionPath), (request.Method, request.Path)));
    }

    [Fact]
    public async Task A_finished_action_is_not_read_again()
    {
        StubReads(Json(200, ActionJson("FINISHED", 3, completedAt: 1752829299999)));
        var operation = Client.BulkActions.GetOperation(ActionId);
        var finished = await operation.WaitForCompletionAsync(Fast);

        Assert.Same(finished, await operation.UpdateStatusAsync());
        Assert.Same(finished, await operation.WaitForCompletionAsync());
        Assert.Single(Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_read_answered_429_holds_the_next_read_until_its_Retry_After_and_the_wait_goes_on(bool retryEnabled)
    {
        StubReads(Json(429, """{"error":"rate limited"}""").WithHeader("Retry-After", "7"), Json(200, ActionJson("FINISHED", 3, completedAt: 1752829299999)));
        var operation = FakeClockClient(retryEnabled).BulkActions.GetOperation(ActionId);
        var started = _time.GetUtcNow();
        var progress = new Recorder();

        var wait = operation.WaitForCompletionAsync(TimeSpan.FromSeconds(1), progress);
        for (var i = 0; i < 69; i++)
        {
            await StepAsync();
        }

        Assert.Single(Requests);
        Assert.False(wait.IsCompleted);
        var finished = await DriveAsync(wait);
        Assert.Equal(BulkActionState.Finished, finished.State);
        Assert.Equal(2, Requests.Count);
        Assert.InRange(_time.GetUtcNow() - started, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(9));
        Assert.Single(progress.Seen);
    }

    [Fact]
    public async Task Cancelling_the_wait_stops_watching_sends_nothing_else_and_a_later_wait_follows_the_action_to_its_end()
    {
        StubReads(Json(200, ActionJson("IN_PROGRESS", 1)));
        var operation = Client.BulkActions.GetOperation(ActionId);
        using var stop = new CancellationTokenSource();
        var progress = new Recorder { OnReport = _ => stop.Cancel() };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => operation.WaitForCompletionAsync(TimeSpan.FromHours(1), progress, stop.Token));

        Assert.Equal(("GET", ActionPath), (Assert.Single(Requests).Method, Assert.Single(Requests).Path));
        Assert.False(operation.HasCompleted);
        Assert.Equal(1, operation.Value?.Processed);

        Server.ResetMappings();
        StubReads(Json(200, ActionJson("FINISHED", 3, completedAt: 1752829299999)));
        var finished = await operation.WaitForCompletionAsync(Fast);
        Assert.Equal(3, finished.Processed);
        Assert.All(Requests, request => Assert.Equal("GET", request.Method));
    }

    [Fact]
    public async Task An_action_the_service_does_not_know_is_the_clients_404_error_on_every_read()
    {
        Stub("GET", ActionPath, """{"error":"bulk action not found"}""", status: 404);
        var operation = Client.BulkActions.GetOperation(ActionId);

        var update = await Assert.ThrowsAsync<WorkflowApiException>(() => operation.UpdateStatusAsync());
        var wait = await Assert.ThrowsAsync<WorkflowApiException>(() => operation.WaitForCompletionAsync(Fast));
        var get = await Assert.ThrowsAsync<WorkflowApiException>(() => Client.BulkActions.GetAsync(ActionId));

        Assert.All(new[] { update, wait, get }, error => Assert.Equal((404, "GET", ActionPath), (error.Status, error.RequestMethod, error.RequestPath)));
        Assert.Equal("bulk action not found", get.ErrorMessage);
        Assert.Null(operation.Value);
    }

    [Fact]
    public async Task An_unknown_state_counts_as_finished_only_once_the_action_has_a_completion_time()
    {
        StubReads(Json(200, ActionJson("PAUSED", 1)), Json(200, ActionJson("ABORTED", 2, completedAt: 1752829299999)));
        var operation = Client.BulkActions.GetOperation(ActionId);
        var progress = new Recorder();

        var finished = await operation.WaitForCompletionAsync(Fast, progress);

        Assert.Equal(["PAUSED", "ABORTED"], progress.Seen.Select(action => action.State.ToString()));
        Assert.Equal(new BulkActionState("ABORTED"), finished.State);
        Assert.True(operation.HasCompleted);
        Assert.Equal(2, Requests.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86_400_001)]
    public async Task A_polling_interval_out_of_range_is_refused_before_anything_is_sent(long milliseconds)
    {
        var operation = Client.BulkActions.GetOperation(ActionId);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => operation.WaitForCompletionAsync(TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal("pollingInterval", error.ParamName);
        Assert.Empty(Requests);
    }

    /// <summary>A progress reporter that hears each status at once, on the reading thread (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class Recorder : IProgress<BulkAction>
    {
        public List<BulkAction> Seen { get; } = [];

        public Action<BulkAction>? OnReport { get; init; }

        public void Report(BulkAction value)
        {
            Seen.Add(value);
            OnReport?.Invoke(value);
        }
    }
}

using BulkResume.Client.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.Resilience;

/// <summary>Retry paths with a fake clock: nothing here sleeps for the delays it checks.</summary>
public sealed class ResilienceTests : WireMockTestBase
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_752_829_000));
    private readonly InFlightCounter _wire = new();

    private WorkflowClient CreateClient(Action<WorkflowClientOptions>? configure = null)
    {
        var options = new WorkflowClientOptions { BaseUrl = new Uri(Server.Url!), Token = Token };
        configure?.Invoke(options);
        return new WorkflowClient(new HttpClient(_wire), options, loggerFactory: null, _time);
    }

    /// <summary>Answers the first request with <paramref name="first"/>, every later one with <paramref name="then"/>.</summary>
    private void StubSequence(IResponseBuilder first, IResponseBuilder then, string path = ResumePath, string method = "POST")
    {
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).AtPriority(2).InScenario("seq").WillSetStateTo("later").RespondWith(first);
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).AtPriority(1).InScenario("seq").WhenStateIs("later").WillSetStateTo("later").RespondWith(then);
    }

    private static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    /// <summary>
    /// Moves the fake clock in small steps until the task ends, so every timer in between fires. Unless told to move it
    /// during requests (to fire attempt timeouts), it moves only while no request is on the wire.
    /// </summary>
    private async Task<T> DriveAsync<T>(Task<T> task, TimeSpan step, bool duringRequests = false, int maxSteps = 2_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await StepAsync(step, duringRequests);
        }

        return await task;
    }

    /// <summary>Lets the client run a moment, then moves the fake clock one step if no request is on the wire.</summary>
    private async Task StepAsync(TimeSpan step, bool duringRequests = false)
    {
        await Task.Delay(5);
        if (duringRequests || _wire.Idle)
        {
            _time.Advance(step);
        }
    }

    [Fact]
    public async Task A_503_is_retried_and_the_page_succeeds()
    {
        StubSequence(Json(503, """{"error":"busy"}"""), Json(200, RunsJson(null, "wfr_1")));

        var runs = await DriveAsync(ToListAsync(CreateClient().Dlq.BulkResumeAsync(ResumeFilter.All())), TimeSpan.FromMilliseconds(200));

        Assert.Equal("wfr_1", Assert.Single(runs).WorkflowRunId);
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task A_429_waits_for_the_burst_reset_before_retrying()
    {
        var reset = _time.GetUtcNow().AddSeconds(10).ToUnixTimeSeconds();
        StubSequence(
            Json(429, """{"error":"rate limited"}""").WithHeader("Burst-RateLimit-Limit", "5").WithHeader("Burst-RateLimit-Remaining", "0").WithHeader("Burst-RateLimit-Reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Json(200, RunsJson(null, "wfr_1")));
        var task = ToListAsync(CreateClient().Dlq.BulkResumeAsync(ResumeFilter.All()));

        for (var i = 0; i < 90; i++)
        {
            await StepAsync(TimeSpan.FromMilliseconds(100));
        }

        Assert.Single(Requests);
        Assert.False(task.IsCompleted);

        var runs = await DriveAsync(task, TimeSpan.FromMilliseconds(100));
        Assert.Single(runs);
        Assert.Equal(2, Requests.Count);
    }

    [Theory]
    [InlineData(-30)]
    [InlineData(null)]
    public async Task A_429_whose_reset_is_past_or_missing_waits_a_jittered_minimum_not_zero(int? resetInSeconds)
    {
        IResponseBuilder limited = Json(429, """{"error":"rate limited"}""").WithHeader("Burst-RateLimit-Limit", "5");
        if (resetInSeconds is { } seconds)
        {
            limited = limited.WithHeader("Burst-RateLimit-Reset", _time.GetUtcNow().AddSeconds(seconds).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        StubSequence(limited, Json(200, RunsJson(null, "wfr_1")));
        var task = ToListAsync(CreateClient(o => o.Retry.BaseDelay = TimeSpan.FromSeconds(1)).Dlq.BulkResumeAsync(ResumeFilter.All()));

        // Until the base delay has passed, however long the client is given, no second request goes out.
        for (var i = 0; i < 9; i++)
        {
            await StepAsync(TimeSpan.FromMilliseconds(100));
        }

        Assert.Single(Requests);
        var runs = await DriveAsync(task, TimeSpan.FromMilliseconds(100));
        Assert.Single(runs);
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task A_long_rate_limit_wait_is_capped_by_the_option()
    {
        var reset = _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        StubSequence(
            Json(429, "").WithHeader("RateLimit-Limit", "1000").WithHeader("RateLimit-Reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Json(200, RunsJson(null, "wfr_1")));
        var started = _time.GetUtcNow();

        await DriveAsync(ToListAsync(CreateClient(o => o.Retry.MaxRateLimitWait = TimeSpan.FromSeconds(2)).Dlq.BulkResumeAsync(ResumeFilter.All())), TimeSpan.FromMilliseconds(100));

        Assert.Equal(2, Requests.Count);
        Assert.InRange(_time.GetUtcNow() - started, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_400_is_not_retried()
    {
        StubSequence(Json(400, """{"error":"Incompatible step name. Expected a, got b"}"""), Json(200, RunsJson(null, "wfr_1")));

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => DriveAsync(ToListAsync(CreateClient().Dlq.BulkResumeAsync(ResumeFilter.All())), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(400, error.Status);
        Assert.Single(Requests);
    }

    [Fact]
    public async Task A_500_is_retried_like_Azure_Core_does()
    {
        StubSequence(Json(500, """{"error":"boom"}"""), Json(200, RunsJson(null, "wfr_1")));

        var runs = await DriveAsync(ToListAsync(CreateClient().Dlq.BulkResumeAsync(ResumeFilter.All())), TimeSpan.FromMilliseconds(200));

        Assert.Single(runs);
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task Retries_can_be_switched_off()
    {
        StubSequence(Json(503, """{"error":"busy"}"""), Json(200, RunsJson(null, "wfr_1")));

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => ToListAsync(CreateClient(o => o.Retry.Enabled = false).Dlq.BulkResumeAsync(ResumeFilter.All())));

        Assert.Equal(503, error.Status);
        Assert.Single(Requests);
    }

    [Fact]
    public async Task MaxAttempts_bounds_the_attempts_and_the_last_answer_is_reported()
    {
        StubSequence(Json(502, """{"error":"bad gateway"}"""), Json(502, """{"error":"still bad"}"""));

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => DriveAsync(ToListAsync(CreateClient(o => o.Retry.MaxAttempts = 3).Dlq.BulkResumeAsync(ResumeFilter.All())), TimeSpan.FromMilliseconds(500)));

        Assert.Equal(502, error.Status);
        Assert.Equal("still bad", error.ErrorMessage);
        Assert.Equal(3, Requests.Count);
    }

    [Fact]
    public async Task A_404_on_the_retry_of_ids_whose_first_attempt_may_have_applied_is_an_unknown_outcome()
    {
        StubSequence(Json(503, """{"error":"upstream failed after commit"}"""), Json(404, """{"error":"Some DLQ messages were not found: a, b"}"""));

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(ToListAsync(CreateClient().Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds("a", "b"))), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(["a", "b"], error.InDoubtIds);
        Assert.Contains("unknown", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_404_on_the_retry_after_a_429_is_a_plain_not_found_because_a_429_applies_nothing()
    {
        StubSequence(Json(429, """{"error":"slow down"}"""), Json(404, """{"error":"Some DLQ messages were not found: b"}"""));

        var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => DriveAsync(ToListAsync(CreateClient().Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds("a", "b"))), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(["b"], error.DlqIds);
    }

    [Fact]
    public async Task A_criteria_page_whose_first_attempt_may_have_applied_is_reported_and_the_drain_goes_on()
    {
        StubSequence(Json(504, ""), Json(200, RunsJson(null, "wfr_2")));
        var reported = new List<UnknownPageOutcome>();

        var runs = await DriveAsync(
            ToListAsync(CreateClient().Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { PageSize = 20, OnUnknownOutcome = reported.Add })),
            TimeSpan.FromMilliseconds(200));

        Assert.Single(runs);
        var outcome = Assert.Single(reported);
        Assert.Equal(20, outcome.MaxAffectedCount);
        Assert.Null(outcome.Cursor);
        Assert.Equal(ResumePath, outcome.RequestPath);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried_and_then_reported_as_a_timeout()
    {
        Server.Given(Request.Create().WithPath(ResumePath).UsingPost())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(3)).WithBody(RunsJson(null, "late")));

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => DriveAsync(
            ToListAsync(CreateClient(o => { o.AttemptTimeout = TimeSpan.FromSeconds(1); o.Retry.MaxAttempts = 2; }).Dlq.BulkResumeAsync(ResumeFilter.All())),
            TimeSpan.FromMilliseconds(250),
            duringRequests: true));

        Assert.Equal(0, error.Status);
        Assert.Contains("no answer in time after 2 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_get_that_meets_a_404_after_a_503_is_simply_not_found_because_reading_changes_nothing()
    {
        StubSequence(Json(503, """{"error":"busy"}"""), Json(404, """{"error":"DLQ message 1-a was not found"}"""), "/v2/workflows/dlq/1-a", "GET");

        var message = await DriveAsync(CreateClient().Dlq.GetAsync("1-a"), TimeSpan.FromMilliseconds(200));

        Assert.Null(message);
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task A_callback_retry_refused_with_400_after_a_503_is_an_unknown_outcome_not_a_false_failure()
    {
        StubSequence(Json(503, ""), Json(400, """{"error":"The failure callback of DLQ message 1-a is CALLBACK_INPROGRESS; only a failed callback (CALLBACK_FAIL) can be retried."}"""), "/v2/workflows/dlq/callback/1-a");

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(CreateClient().Dlq.RetryFailureCallbackAsync("1-a"), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(["1-a"], error.InDoubtIds);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public async Task A_callback_retry_refused_with_400_at_once_is_a_plain_error()
    {
        StubSequence(Json(400, """{"error":"not failed"}"""), Json(200, """{"workflowRunId":"x","workflowCreatedAt":1}"""), "/v2/workflows/dlq/callback/1-a");

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => CreateClient().Dlq.RetryFailureCallbackAsync("1-a"));

        Assert.IsNotType<OutcomeUnknownException>(error);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public async Task A_callback_cancel_refused_with_400_after_a_503_is_an_unknown_outcome_not_a_false_failure()
    {
        StubSequence(Json(503, ""), Json(400, """{"error":"The failure callback of DLQ message 1-a is CALLBACK_CANCELED; only a callback in progress (CALLBACK_INPROGRESS) can be canceled."}"""), "/v2/workflows/dlq/callback/1-a", "DELETE");

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(CancelAsync(CreateClient(), "1-a"), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(["1-a"], error.InDoubtIds);
        Assert.Equal(400, error.Status);
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task A_callback_cancel_answered_302_after_a_503_succeeds()
    {
        StubSequence(Json(503, ""), Response.Create().WithStatusCode(302), "/v2/workflows/dlq/callback/1-a", "DELETE");

        Assert.True(await DriveAsync(CancelAsync(CreateClient(), "1-a"), TimeSpan.FromMilliseconds(200)));
        Assert.Equal(2, Requests.Count);
    }

    private static async Task<bool> CancelAsync(WorkflowClient client, string dlqId)
    {
        await client.Dlq.CancelFailureCallbackAsync(dlqId);
        return true;
    }

    public static TheoryData<string, string, string> BulkCallsById => new()
    {
        { "resume", "POST", ResumePath },
        { "restart", "POST", "/v2/workflows/dlq/restart/multi" },
        { "delete", "DELETE", "/v2/workflows/dlq/multi" },
    };

    /// <summary>Answers the chunk whose first id is <paramref name="firstId"/>: first with <paramref name="first"/>, then with <paramref name="then"/>.</summary>
    private void StubChunk(string method, string path, string firstId, IResponseBuilder first, IResponseBuilder? then = null)
    {
        var request = WithFirstDlqId(Request.Create().WithPath(path).UsingMethod(method), path, firstId);
        if (then is null)
        {
            Server.Given(request).RespondWith(first);
            return;
        }

        Server.Given(request).AtPriority(2).InScenario(firstId).WillSetStateTo("later").RespondWith(first);
        Server.Given(request).AtPriority(1).InScenario(firstId).WhenStateIs("later").RespondWith(then);
    }

    private static Task<int> RunBulkAsync(WorkflowClient client, string call, ResumeFilter filter) => call switch
    {
        "resume" => CountAsync(client.Dlq.BulkResumeAsync(filter)),
        "restart" => CountAsync(client.Dlq.BulkRestartAsync(filter)),
        _ => DeleteAsync(client, filter),
    };

    private static async Task<int> CountAsync(IAsyncEnumerable<ResumedRun> runs)
    {
        var count = 0;
        await foreach (var _ in runs)
        {
            count++;
        }

        return count;
    }

    private static async Task<int> DeleteAsync(WorkflowClient client, ResumeFilter filter) => (int)await client.Dlq.BulkDeleteAsync(filter);

    [Theory]
    [MemberData(nameof(BulkCallsById))]
    public async Task A_bulk_call_by_ids_that_meets_an_unknown_outcome_reports_the_done_unknown_and_unsent_ids(string call, string method, string path)
    {
        // 101 ids go in three requests of at most 50: the first succeeds, the second is in doubt, the third is never sent.
        var ids = Enumerable.Range(0, 101).Select(i => $"id-{i:D3}").ToArray();
        var ok = call == "delete" ? """{"deleted":50}""" : RunsJson(null, "wfr_a");
        StubChunk(method, path, "id-000", Json(200, ok));
        StubChunk(method, path, "id-050", Json(503, """{"error":"upstream failed after commit"}"""), Json(404, """{"error":"Some DLQ messages were not found: id-050"}"""));
        StubChunk(method, path, "id-100", Json(200, ok));

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(RunBulkAsync(CreateClient(), call, ResumeFilter.ForDlqIds(ids)), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(ids[..50], error.DoneIds);
        Assert.Equal(ids[50..100], error.InDoubtIds);
        Assert.Equal(ids[100..], error.NotAttemptedIds);
        Assert.Equal(404, error.Status);
        Assert.Equal(path, error.RequestPath);
        Assert.Contains("50 ids were done, 50 are unknown", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 were not attempted", error.Message, StringComparison.Ordinal);
        Assert.Contains("404 on a retry", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ids:", error.Message, StringComparison.Ordinal);
        Assert.Equal(["id-000", "id-050", "id-050"], Requests.Select(r => IdsOf(r)[0]));
    }

    [Fact]
    public async Task A_bulk_call_by_ids_continued_from_a_token_counts_the_ids_before_it_as_done()
    {
        StubChunk("POST", ResumePath, "c", Json(503, ""), Json(404, """{"error":"Some DLQ messages were not found: c"}"""));

        var pages = CreateClient().Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds("a", "b", "c", "d", "e"), new ResumeOptions { PageSize = 2 }).AsPages("ids:2");
        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(ToListAsync(pages), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(["a", "b"], error.DoneIds);
        Assert.Equal(["c", "d"], error.InDoubtIds);
        Assert.Equal(["e"], error.NotAttemptedIds);
    }

    [Fact]
    public async Task A_bulk_chunk_whose_attempts_all_time_out_keeps_the_cause_and_reports_the_split()
    {
        StubChunk("POST", ResumePath, "a", Json(200, RunsJson(null, "wfr_a")));
        Server.Given(Request.Create().WithPath(ResumePath).UsingPost().WithParam(query => query.TryGetValue("dlqIds", out var ids) && ids[0] == "b"))
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(3)).WithBody(RunsJson(null, "late")));

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(
            ToListAsync(CreateClient(o => { o.AttemptTimeout = TimeSpan.FromSeconds(1); o.Retry.MaxAttempts = 2; })
                .Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds("a", "b", "c"), new ResumeOptions { PageSize = 1 })),
            TimeSpan.FromMilliseconds(250),
            duringRequests: true));

        Assert.Equal(["a"], error.DoneIds);
        Assert.Equal(["b"], error.InDoubtIds);
        Assert.Equal(["c"], error.NotAttemptedIds);
        Assert.Equal(0, error.Status);
        Assert.NotNull(error.InnerException);
        Assert.Contains("no answer in time after 2 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_entry_call_with_an_unknown_outcome_has_nothing_done_before_or_after_it()
    {
        StubSequence(Json(503, ""), Json(404, """{"error":"DLQ message not found"}"""), "/v2/workflows/dlq/resume/1-a");

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(CreateClient().Dlq.ResumeAsync("1-a"), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(["1-a"], error.InDoubtIds);
        Assert.Empty(error.DoneIds);
        Assert.Empty(error.NotAttemptedIds);
        Assert.Contains("0 ids were done, 1 are unknown", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 were not attempted", error.Message, StringComparison.Ordinal);
    }

    // Canceling runs is idempotent in effect: an answer after a lost attempt settles it; only no answer leaves it in doubt.
    private const string RunsPath = "/v2/workflows/runs";

    [Fact]
    public async Task Canceling_one_run_whose_retry_is_answered_404_after_a_lost_answer_is_false_not_unknown()
    {
        StubSequence(Json(503, ""), Json(404, """{"error":"workflow run not found"}"""), RunsPath + "/wfr_a", "DELETE");

        Assert.False(await DriveAsync(CreateClient().Runs.CancelAsync("wfr_a"), TimeSpan.FromMilliseconds(200)));
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task Canceling_one_run_whose_retry_is_refused_as_no_longer_in_progress_after_a_lost_answer_is_false_not_an_error()
    {
        StubSequence(Json(503, ""), Json(400, """{"error":"Workflow run wfr_a is RUN_CANCELED; only a run in progress (RUN_STARTED) can be canceled. Nothing was changed."}"""), RunsPath + "/wfr_a", "DELETE");

        Assert.False(await DriveAsync(CreateClient().Runs.CancelAsync("wfr_a"), TimeSpan.FromMilliseconds(200)));
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task Canceling_one_run_whose_retry_succeeds_after_a_lost_answer_is_true()
    {
        StubSequence(Json(503, ""), Response.Create().WithStatusCode(200), RunsPath + "/wfr_a", "DELETE");

        Assert.True(await DriveAsync(CreateClient().Runs.CancelAsync("wfr_a"), TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Canceling_one_run_whose_every_answer_is_lost_is_unknown_for_that_run()
    {
        Server.Given(Request.Create().WithPath(RunsPath + "/wfr_a").UsingDelete()).RespondWith(Json(503, """{"error":"upstream failed after commit"}"""));

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(CreateClient(o => o.Retry.MaxAttempts = 3).Runs.CancelAsync("wfr_a"), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(["wfr_a"], error.InDoubtIds);
        Assert.Equal((503, RunsPath + "/wfr_a"), (error.Status, error.RequestPath));
        Assert.Equal(3, Requests.Count);
    }

    /// <summary>Answers the cancel whose first run id is <paramref name="firstId"/>: first with <paramref name="first"/>, then with <paramref name="then"/>.</summary>
    private void StubCancelChunk(string firstId, IResponseBuilder first, IResponseBuilder then)
    {
        var request = Request.Create().WithPath(RunsPath).UsingDelete().WithParam(query => query.TryGetValue("workflowRunIds", out var ids) && ids[0] == firstId);
        Server.Given(request).AtPriority(2).InScenario(firstId).WillSetStateTo("later").RespondWith(first);
        Server.Given(request).AtPriority(1).InScenario(firstId).WhenStateIs("later").WillSetStateTo("later").RespondWith(then);
    }

    [Fact]
    public async Task Canceling_by_ids_whose_retry_succeeds_after_a_lost_answer_counts_what_the_retry_canceled_and_says_more_may_be()
    {
        var ids = Enumerable.Range(0, 101).Select(i => $"wfr_{i:D3}").ToArray();
        StubCancelChunk("wfr_000", Json(200, """{"cancelled":50}"""), Json(200, """{"cancelled":0}"""));
        StubCancelChunk("wfr_050", Json(503, ""), Json(200, """{"cancelled":10}"""));
        StubCancelChunk("wfr_100", Json(200, """{"cancelled":1}"""), Json(200, """{"cancelled":0}"""));

        var result = await DriveAsync(CreateClient().Runs.CancelAsync(ids), TimeSpan.FromMilliseconds(200));

        Assert.Equal((61L, true), (result.CanceledCount, result.MayHaveCanceledMore));
        Assert.Equal(["wfr_000", "wfr_050", "wfr_050", "wfr_100"], Requests.Select(r => IdsOf(r, "workflowRunIds")[0]));
    }

    [Fact]
    public async Task Canceling_by_ids_whose_answers_are_all_lost_reports_the_done_unknown_and_unsent_ids()
    {
        var ids = Enumerable.Range(0, 101).Select(i => $"wfr_{i:D3}").ToArray();
        StubCancelChunk("wfr_000", Json(200, """{"cancelled":50}"""), Json(200, """{"cancelled":0}"""));
        StubCancelChunk("wfr_050", Json(503, ""), Json(504, ""));

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(CreateClient(o => o.Retry.MaxAttempts = 3).Runs.CancelAsync(ids), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(ids[..50], error.DoneIds);
        Assert.Equal(ids[50..100], error.InDoubtIds);
        Assert.Equal(ids[100..], error.NotAttemptedIds);
        Assert.Equal(504, error.Status);
        Assert.Equal(["wfr_000", "wfr_050", "wfr_050", "wfr_050"], Requests.Select(r => IdsOf(r, "workflowRunIds")[0]));
    }

    [Fact]
    public async Task Canceling_by_a_filter_whose_retry_succeeds_after_a_lost_answer_says_more_may_be()
    {
        StubSequence(Json(503, ""), Json(200, """{"cancelled":4}"""), RunsPath, "DELETE");

        var result = await DriveAsync(CreateClient().Runs.BulkCancelAsync(RunCancelFilter.Create().WithLabel("eu")), TimeSpan.FromMilliseconds(200));

        Assert.Equal((4L, true), (result.CanceledCount, result.MayHaveCanceledMore));
        Assert.Equal(["label=eu", "label=eu"], Requests.Select(QueryOf));
    }

    [Fact]
    public async Task Canceling_by_a_filter_whose_answers_are_all_lost_is_the_transport_error_since_nothing_names_the_runs()
    {
        Server.Given(Request.Create().WithPath(RunsPath).UsingDelete()).RespondWith(Json(503, """{"error":"busy"}"""));

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => DriveAsync(CreateClient(o => o.Retry.MaxAttempts = 2).Runs.BulkCancelAsync(RunCancelFilter.All()), TimeSpan.FromMilliseconds(200)));

        Assert.IsNotType<OutcomeUnknownException>(error);
        Assert.Equal((503, "busy"), (error.Status, error.ErrorMessage));
        Assert.Equal(2, Requests.Count);
    }

    /// <summary>Refusals a retry can meet for another reason than the first attempt having been applied.</summary>
    public static TheoryData<int> RefusalsOnARetry => new(400, 401, 403, 409, 429);

    [Theory]
    [MemberData(nameof(RefusalsOnARetry))]
    public async Task A_call_by_ids_whose_retry_is_refused_after_a_lost_answer_is_an_unknown_outcome(int status)
    {
        // The first attempt's answer is lost (503): it may have resumed the entry, whatever the retry is then told.
        StubSequence(Json(503, ""), Json(status, """{"error":"refused"}"""), "/v2/workflows/dlq/resume/1-a");

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(
            CreateClient(o => o.Retry.MaxRateLimitWait = TimeSpan.Zero).Dlq.ResumeAsync("1-a"), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(["1-a"], error.InDoubtIds);
        Assert.Equal(status, error.Status);
        Assert.Contains($"{status} on a retry", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RefusalsOnARetry))]
    public async Task A_page_by_criteria_whose_retry_is_refused_after_a_lost_answer_is_reported_before_the_refusal(int status)
    {
        StubSequence(Json(503, ""), Json(status, """{"error":"refused"}"""));
        var reported = new List<UnknownPageOutcome>();

        var error = await Assert.ThrowsAnyAsync<WorkflowApiException>(() => DriveAsync(
            ToListAsync(CreateClient(o => o.Retry.MaxRateLimitWait = TimeSpan.Zero)
                .Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { PageSize = 20, OnUnknownOutcome = reported.Add })),
            TimeSpan.FromMilliseconds(200)));

        Assert.Equal(status, error.Status);
        Assert.Equal(20, Assert.Single(reported).MaxAffectedCount);
    }

    // Triggers carry a run id, so a retry after a lost answer starts no second run: it is retried with the same id and bytes.
    [Fact]
    public async Task A_trigger_whose_answer_is_lost_is_retried_with_the_same_run_id_and_bytes()
    {
        const string Path = "/v2/trigger/https://shop.example.com/api/workflows/checkout";
        StubSequence(Json(503, ""), Json(200, """{"workflowRunId":"wfr_made","workflowCreatedAt":1752915695505}"""), Path);
        var request = new WorkflowTriggerRequest(new Uri("https://shop.example.com/api/workflows/checkout")) { Body = WorkflowPayload.FromString("payload") };

        TriggeredRun run = await DriveAsync(CreateClient().Runs.TriggerAsync(request), TimeSpan.FromMilliseconds(200));

        var sent = Requests;
        Assert.Equal(2, sent.Count);
        Assert.Equal(HeaderOf(sent[0], "Upstash-Workflow-RunId"), HeaderOf(sent[1], "Upstash-Workflow-RunId"));
        Assert.Equal(sent[0].BodyAsBytes, sent[1].BodyAsBytes);
        Assert.Equal("wfr_made", run.WorkflowRunId);
    }

    [Fact]
    public async Task A_list_of_triggers_whose_every_answer_is_lost_names_its_runs_in_doubt()
    {
        Server.Given(Request.Create().WithPath("/v2/batch/trigger").UsingPost()).RespondWith(Json(503, """{"error":"busy"}"""));
        var requests = new[] { "wfr_a", "wfr_b" }.Select(id => new WorkflowTriggerRequest(new Uri("https://shop.example.com/x")) { WorkflowRunId = id }).ToArray();

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(CreateClient(o => o.Retry.MaxAttempts = 3).Runs.TriggerAsync(requests), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(["wfr_a", "wfr_b"], error.InDoubtIds);
        Assert.Equal(3, Requests.Count);
    }

    [Fact]
    public async Task Notifying_every_waiter_is_retried_after_a_lost_answer_and_says_more_may_have_been_notified()
    {
        StubSequence(Json(503, ""), Json(201, """[{"messageId":"msg_2"}]"""), "/v2/notify/evt");

        NotifyResult result = await DriveAsync(CreateClient().Runs.NotifyAsync("evt"), TimeSpan.FromMilliseconds(200));

        Assert.Equal(2, Requests.Count);
        Assert.True(result.MayHaveNotifiedMore);
        Assert.Equal("msg_2", Assert.Single(result.Waiters).MessageId);
    }

    [Fact]
    public async Task Notifying_one_run_is_not_retried_after_an_attempt_that_may_have_been_applied()
    {
        StubSequence(Json(503, """{"error":"lost"}"""), Json(201, """{"messageId":"msg_2"}"""), "/v2/notify/wfr_a/evt");

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => DriveAsync(CreateClient().Runs.NotifyRunAsync("wfr_a", "evt"), TimeSpan.FromMilliseconds(200)));

        Assert.Single(Requests);
        Assert.Equal(["wfr_a"], error.InDoubtIds);
    }

    [Fact]
    public async Task Notifying_one_run_is_retried_after_a_429_which_was_not_applied()
    {
        StubSequence(Json(429, """{"error":"slow down"}""").WithHeader("Retry-After", "1"), Json(201, """{"messageId":"msg_2"}"""), "/v2/notify/wfr_a/evt");

        NotifiedWaiter notified = await DriveAsync(CreateClient().Runs.NotifyRunAsync("wfr_a", "evt"), TimeSpan.FromMilliseconds(200));

        Assert.Equal(2, Requests.Count);
        Assert.Equal("msg_2", notified.MessageId);
    }
}

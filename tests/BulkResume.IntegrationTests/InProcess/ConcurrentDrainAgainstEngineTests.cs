using System.Globalization;
using System.Net;
using System.Web;
using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BulkResume.IntegrationTests.InProcess;

/// <summary>
/// <see cref="ResumeOptions.MaxConcurrency"/> against the engine: disjoint parts side by side, each entry resumed once,
/// the cut-off, the shared rate-limit pause, the three-way report by ids, cancellation, and failures that stop a drain
/// without losing an answered page.
/// </summary>
public sealed class ConcurrentDrainAgainstEngineTests
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";
    private const string Invoices = "https://shop.example.com/api/workflows/invoices";
    private const string ResumePath = "/v2/workflows/dlq/resume";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task By_criteria_8_requests_in_flight_resume_every_selected_entry_once_and_nothing_else()
    {
        using var harness = new EngineHarness();
        var orders = FailedRuns.Many(1_200, Orders, FailedRun.DefaultFailedAt);
        var invoices = FailedRuns.Many(300, Invoices, FailedRun.DefaultFailedAt.AddMilliseconds(500), TimeSpan.FromSeconds(4));
        await harness.Engine.DeadLetterAsync(orders.Concat(invoices));
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(5);

        var runs = await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(Orders), new ResumeOptions { MaxConcurrency = 8 }));

        await DrainAudit.AssertExactlyOnceAsync(harness, Ids(orders), Ids(invoices), runs, unseenAllowance: 0);
        Assert.InRange(harness.Wire.MaxInFlight, 2, 8);
        Assert.All(ResumeRequests(harness), request => Assert.Contains("workflowUrl=" + Uri.EscapeDataString(Orders), request.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explicit_ids_go_out_in_disjoint_chunks_of_50_side_by_side()
    {
        using var harness = new EngineHarness();
        var entries = FailedRuns.Many(400, Orders, FailedRun.DefaultFailedAt);
        await harness.Engine.DeadLetterAsync(entries);
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(5);
        var selected = Ids(entries).Where((_, i) => i % 7 != 0).Take(230).ToList();

        var runs = await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(selected), new ResumeOptions { MaxConcurrency = 4 }));

        await DrainAudit.AssertExactlyOnceAsync(harness, selected, Ids(entries).Except(selected).ToList(), runs, unseenAllowance: 0);
        var chunks = ResumeRequests(harness).Select(request => HttpUtility.ParseQueryString(request.Query).GetValues("dlqIds")!).ToList();
        Assert.Equal(5, chunks.Count);
        Assert.All(chunks, chunk => Assert.InRange(chunk.Length, 1, 50));
        Assert.Equal(selected.Order(StringComparer.Ordinal), chunks.SelectMany(chunk => chunk).Order(StringComparer.Ordinal));
        Assert.InRange(harness.Wire.MaxInFlight, 2, 4);
    }

    [Fact]
    public async Task One_hot_millisecond_is_drained_once_with_a_bounded_number_of_requests()
    {
        using var harness = new EngineHarness();
        var hot = FailedRuns.Many(700, Orders, FailedRun.DefaultFailedAt, TimeSpan.Zero);
        var spread = FailedRuns.Many(100, Orders, FailedRun.DefaultFailedAt.AddHours(-2), TimeSpan.FromMinutes(1));
        await harness.Engine.DeadLetterAsync(hot.Concat(spread));
        const int Workers = 8;

        var runs = await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = Workers }));

        await DrainAudit.AssertExactlyOnceAsync(harness, Ids(hot.Concat(spread)), [], runs, unseenAllowance: 0);

        // Only a full page splits a part, into at most one piece per worker, and every part ends with one page that isn't full.
        int fullPages = 800 / ResumeOptions.MaxPageSize;
        Assert.InRange(ResumeRequests(harness).Count, fullPages, (fullPages * Workers) + 1);
    }

    [Theory]
    [InlineData(8_000)]
    [InlineData(-8_000)]
    [InlineData(0)]
    public async Task A_drain_takes_what_a_cursor_loop_takes_whatever_the_clients_clock_says_and_what_fails_while_it_runs(int serviceAheadMs)
    {
        var serviceClock = new FakeClock();
        var clientClock = new FakeTimeProvider(serviceClock.GetUtcNow().AddMilliseconds(-serviceAheadMs));
        EngineHarness? engine = null;
        var failing = FailedRuns.Many(25, Orders, serviceClock.GetUtcNow().AddMilliseconds(1));
        using var harness = engine = new EngineHarness(
            serviceClock,
            wrapServer: server => new BeforeFirstResume(server, async () =>
            {
                // Entries that fail while the drain runs, stamped by the service's clock after everything already there.
                serviceClock.Advance(TimeSpan.FromMilliseconds(30));
                await engine!.Engine.DeadLetterAsync(failing);
            }),
            clientTimeProvider: clientClock);
        var earlier = FailedRuns.Many(600, Orders, serviceClock.GetUtcNow().AddMinutes(-30), TimeSpan.FromSeconds(1));

        // As many again in the 8 seconds up to the service's "now": past the client's clock when the service is ahead.
        var recent = FailedRuns.Many(400, Orders, serviceClock.GetUtcNow().AddSeconds(-8), TimeSpan.FromMilliseconds(20));
        await harness.Engine.DeadLetterAsync(earlier.Concat(recent));

        var runs = await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = 8 }));

        await DrainAudit.AssertExactlyOnceAsync(harness, Ids(earlier.Concat(recent).Concat(failing)), [], runs, unseenAllowance: 0);

        // The drain ends as a cursor loop does: on a request over the open top, sent when no other part was left.
        Assert.DoesNotContain("toDate=", ResumeRequests(harness)[^1].Query, StringComparison.Ordinal);
    }

    /// <summary>Runs an action once, when the first bulk resume reaches the engine and before the engine acts on it.</summary>
    private sealed class BeforeFirstResume(HttpMessageHandler engine, Func<Task> action) : DelegatingHandler(engine)
    {
        private int _done;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == ResumePath && Interlocked.Exchange(ref _done, 1) == 0)
            {
                await action();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task The_callers_own_range_bounds_every_part_both_ends_inclusive()
    {
        using var harness = new EngineHarness();
        var entries = FailedRuns.Many(600, Orders, FailedRun.DefaultFailedAt);
        await harness.Engine.DeadLetterAsync(entries);
        var from = entries[100].CreatedAt;
        var to = entries[499].CreatedAt;

        var runs = await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.Create().FailedBetween(from, to), new ResumeOptions { MaxConcurrency = 6 }));

        var inside = entries.Skip(100).Take(400).ToList();
        await DrainAudit.AssertExactlyOnceAsync(harness, Ids(inside), Ids(entries.Except(inside)), runs, unseenAllowance: 0);
        Assert.All(ResumeRequests(harness), request =>
        {
            var query = HttpUtility.ParseQueryString(request.Query);
            Assert.InRange(long.Parse(query["fromDate"]!, CultureInfo.InvariantCulture), from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
            Assert.InRange(long.Parse(query["toDate"]!, CultureInfo.InvariantCulture), from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        });
    }

    [Fact]
    public async Task AsPages_from_a_continuation_token_is_refused_before_anything_is_sent_and_says_how_to_continue()
    {
        using var harness = new EngineHarness();
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(10, Orders, FailedRun.DefaultFailedAt));
        var pageable = harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = 4 });

        var error = Assert.Throws<ArgumentException>(() => pageable.AsPages("some-cursor"));

        Assert.Equal("continuationToken", error.ParamName);
        Assert.Contains("Run the same selection again", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Wire.Requests);
        Assert.Equal(10, await harness.DlqCountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(33)]
    public async Task A_concurrency_outside_1_to_32_is_refused_before_anything_is_sent_naming_the_option(int maxConcurrency)
    {
        using var harness = new EngineHarness();
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(10, Orders, FailedRun.DefaultFailedAt));

        var resume = Assert.Throws<ArgumentOutOfRangeException>(() => harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = maxConcurrency }));
        var restart = Assert.Throws<ArgumentOutOfRangeException>(() => harness.Client.Dlq.BulkRestartAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = maxConcurrency }));
        var delete = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.Dlq.BulkDeleteAsync(ResumeFilter.All(), new BulkDeleteOptions { MaxConcurrency = maxConcurrency }));

        Assert.Contains("ResumeOptions.MaxConcurrency must be between 1 and 32", resume.Message, StringComparison.Ordinal);
        Assert.Contains("ResumeOptions.MaxConcurrency must be between 1 and 32", restart.Message, StringComparison.Ordinal);
        Assert.Contains("BulkDeleteOptions.MaxConcurrency must be between 1 and 32", delete.Message, StringComparison.Ordinal);
        Assert.Equal(("options", "options", "options"), (resume.ParamName, restart.ParamName, delete.ParamName));
        Assert.Empty(harness.Wire.Requests);
        Assert.Equal(10, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task A_429_to_one_worker_holds_every_worker_until_its_reset()
    {
        var clock = new FakeClock();
        using var harness = new EngineHarness(clock);
        var entries = FailedRuns.Many(1_000, Orders, clock.GetUtcNow().AddHours(-3), TimeSpan.FromSeconds(10));
        await harness.Engine.DeadLetterAsync(entries);
        var latency = TimeSpan.FromMilliseconds(250);
        harness.Server.Faults.Latency = latency;
        harness.Server.Faults.SetBurstLimit(4);

        var runs = await clock.DriveAsync(
            Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = 8 })),
            Step);

        await DrainAudit.AssertExactlyOnceAsync(harness, Ids(entries), [], runs, unseenAllowance: 0);
        AssertQuietUntilEachReset(harness.Wire.Requests, latency);
    }

    [Fact]
    public async Task A_429_to_one_request_holds_the_clients_other_requests_until_its_reset()
    {
        var clock = new FakeClock();
        using var harness = new EngineHarness(clock);
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(30, Orders, clock.GetUtcNow().AddHours(-1)));
        harness.Server.Faults.FailNext(1, 429, new Dictionary<string, string> { ["Retry-After"] = "10" }, "Too many requests");

        var limited = clock.GetUtcNow();
        var drain = Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All()));
        await WaitForAsync(() => harness.Wire.Requests.Count == 1);
        var read = harness.Client.Dlq.ListAsync(ResumeFilter.Create()).AsPages().GetAsyncEnumerator();
        var firstPage = read.MoveNextAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(9));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await firstPage);
        Assert.Equal(30, (await drain).Count);
        await read.DisposeAsync();
        // Started times are on the shared clock: a request let out during the pause would carry 0 s or 9 s.
        var listing = Assert.Single(harness.Wire.Requests, request => request.Method == "GET");
        Assert.Equal(limited.AddSeconds(10), listing.Started);
        Assert.All(harness.Wire.Requests.Skip(1), request => Assert.True(request.Started >= limited.AddSeconds(10), $"{request.Method} {request.Path} went out at {request.Started - limited} into the pause"));
    }

    [Fact]
    public async Task A_drain_by_ids_that_meets_an_unknown_outcome_puts_every_id_in_one_of_three_lists()
    {
        var clock = new FakeClock();
        using var harness = new EngineHarness(clock);
        var entries = FailedRuns.Many(480, Orders, clock.GetUtcNow().AddHours(-1));
        await harness.Engine.DeadLetterAsync(entries);
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(200);
        harness.Server.Faults.ApplyThenFailNext(1, FaultFailure.ConnectionDrop);
        var ids = Ids(entries);
        var yielded = new List<ResumedRun>();

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => clock.DriveAsync(CollectAsync(), Step));

        Assert.Equal(50, error.InDoubtIds.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), error.DoneIds.Concat(error.InDoubtIds).Concat(error.NotAttemptedIds).Order(StringComparer.Ordinal));
        var remaining = await harness.RemainingDlqIdsAsync();
        Assert.Equal(error.NotAttemptedIds.Order(StringComparer.Ordinal), remaining.Order(StringComparer.Ordinal));
        var resumed = await harness.ResumedRunsAsync();
        var yieldedSources = resumed.Where(run => yielded.Any(y => y.WorkflowRunId == run.WorkflowRunId)).Select(run => run.SourceDlqId!);
        Assert.Equal(error.DoneIds.Order(StringComparer.Ordinal), yieldedSources.Order(StringComparer.Ordinal));
        Assert.Equal(error.DoneIds.Concat(error.InDoubtIds).Order(StringComparer.Ordinal), resumed.Select(run => run.SourceDlqId!).Order(StringComparer.Ordinal));

        async Task<int> CollectAsync()
        {
            await foreach (var run in harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids), new ResumeOptions { MaxConcurrency = 4 }))
            {
                yielded.Add(run);
            }

            return yielded.Count;
        }
    }

    [Fact]
    public async Task Cancellation_aborts_every_request_in_flight_and_sends_no_more()
    {
        var clock = new FakeClock();
        using var harness = new EngineHarness(clock);
        var entries = FailedRuns.Many(400, Orders, clock.GetUtcNow().AddHours(-1));
        await harness.Engine.DeadLetterAsync(entries);
        harness.Server.Faults.Latency = TimeSpan.FromHours(1); // on the fake clock, which nobody moves: every request hangs
        using var stop = new CancellationTokenSource();

        var drain = Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(Ids(entries)), new ResumeOptions { MaxConcurrency = 4 }, stop.Token));
        await WaitForAsync(() => harness.Wire.InFlight == 4);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drain);
        Assert.Equal(0, harness.Wire.InFlight);
        Assert.Equal(4, harness.Wire.Requests.Count);
        Assert.Equal(400, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task OnUnknownOutcome_hears_every_lost_answer_one_call_at_a_time()
    {
        var clock = new FakeClock();
        using var harness = new EngineHarness(clock, o => o.Retry.MaxAttempts = 10);
        var entries = FailedRuns.Many(1_000, Orders, clock.GetUtcNow().AddHours(-3), TimeSpan.FromSeconds(10));
        await harness.Engine.DeadLetterAsync(entries);
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(100);
        harness.Server.Faults.ApplyThenFailRandomly(0.2, seed: 7);
        var reports = new List<UnknownPageOutcome>();
        int inside = 0;
        bool overlapped = false;
        var options = new ResumeOptions
        {
            MaxConcurrency = 8,
            PageSize = 25,
            OnUnknownOutcome = outcome =>
            {
                overlapped |= Interlocked.Increment(ref inside) > 1;
                Thread.Sleep(2);
                reports.Add(outcome);
                Interlocked.Decrement(ref inside);
            },
        };

        var runs = await clock.DriveAsync(Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), options)), Step);

        Assert.False(overlapped, "OnUnknownOutcome was entered by two pages at once");
        // The fault may also hit the drain's one listing (a read): only the lost resume answers are unknown outcomes.
        int lostResumes = ResumeRequests(harness).Count(request => request.Status == HttpStatusCode.InternalServerError);
        Assert.True(lostResumes > 0, "the fault must have hit");
        Assert.Equal(lostResumes, reports.Count);
        int unseen = await DrainAudit.AssertExactlyOnceAsync(harness, Ids(entries), [], runs, reports.Sum(report => report.MaxAffectedCount));
        Assert.True(unseen > 0);
    }

    [Fact]
    public async Task A_refusal_stops_the_drain_but_every_page_already_answered_is_still_yielded()
    {
        var refusal = new ResumeRefusal();
        using var harness = new EngineHarness(wrapServer: engine => refusal.InFrontOf(engine));
        var entries = FailedRuns.Many(2_000, Orders, FailedRun.DefaultFailedAt);
        await harness.Engine.DeadLetterAsync(entries);
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(10);
        var yielded = new List<ResumedRun>();

        var error = await Assert.ThrowsAsync<WorkflowApiException>(async () =>
        {
            await foreach (var run in harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = 8 }))
            {
                if (yielded.Count == 200)
                {
                    refusal.RefuseNext();
                }

                yielded.Add(run);
            }
        });

        Assert.Equal(400, error.Status);
        var resumed = await harness.ResumedRunsAsync();
        Assert.Equal(resumed.Select(run => run.WorkflowRunId).Order(StringComparer.Ordinal), yielded.Select(run => run.WorkflowRunId).Order(StringComparer.Ordinal));
        Assert.InRange(resumed.Count, 200, 1_999);
    }

    [Fact]
    public async Task Bulk_restart_drains_concurrently_too()
    {
        using var harness = new EngineHarness();
        var entries = FailedRuns.Many(500, Orders, FailedRun.DefaultFailedAt);
        await harness.Engine.DeadLetterAsync(entries);
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(5);

        var runs = await Drain.AllAsync(harness.Client.Dlq.BulkRestartAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = 4 }));

        await DrainAudit.AssertExactlyOnceAsync(harness, Ids(entries), [], runs, unseenAllowance: 0, WorkflowRunOrigin.Restarted);
        Assert.InRange(harness.Wire.MaxInFlight, 2, 4);
    }

    [Fact]
    public async Task Bulk_delete_by_criteria_and_by_ids_deletes_concurrently_what_was_selected()
    {
        using var harness = new EngineHarness();
        var orders = FailedRuns.Many(900, Orders, FailedRun.DefaultFailedAt);
        var invoices = FailedRuns.Many(200, Invoices, FailedRun.DefaultFailedAt);
        await harness.Engine.DeadLetterAsync(orders.Concat(invoices));
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(5);
        var someInvoices = Ids(invoices).Take(120).ToList();

        long byCriteria = await harness.Client.Dlq.BulkDeleteAsync(ResumeFilter.Create().ForWorkflowUrl(Orders), new BulkDeleteOptions { MaxConcurrency = 6 });
        long byIds = await harness.Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds(someInvoices), new BulkDeleteOptions { MaxConcurrency = 3 });

        Assert.Equal(900, byCriteria);
        Assert.Equal(120, byIds);
        Assert.Equal(Ids(invoices).Skip(120).Order(StringComparer.Ordinal), (await harness.RemainingDlqIdsAsync()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await harness.AllRunsAsync(), run => run.Origin != WorkflowRunOrigin.Triggered);
        Assert.InRange(harness.Wire.MaxInFlight, 2, 6);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "timed out waiting");
    }

    /// <summary>After each 429 reaches the client, no request goes out until that limit's reset.</summary>
    private static void AssertQuietUntilEachReset(IReadOnlyList<RecordedRequest> requests, TimeSpan latency)
    {
        var limited = requests.Where(request => request.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        foreach (var answer in limited)
        {
            // The client hears the 429 when its latency is over, give or take a step or two of the clock.
            var heard = answer.Started + latency + (2 * Step);
            var reset = DateTimeOffset.FromUnixTimeSeconds(long.Parse(answer.RateLimitReset!, CultureInfo.InvariantCulture));
            Assert.DoesNotContain(requests, request => request.Started > heard && request.Started < reset);
        }
    }

    private static List<string> Ids(IEnumerable<DlqEntry> entries) => entries.Select(entry => entry.DlqId).ToList();

    private static List<RecordedRequest> ResumeRequests(EngineHarness harness) =>
        harness.Wire.Requests.Where(request => request.Method == "POST" && request.Path == ResumePath).ToList();

    /// <summary>Refuses the next resume, not whatever request comes next (a drain also reads the DLQ to place its splits).</summary>
    private sealed class ResumeRefusal
    {
        private int _armed;

        public void RefuseNext() => Volatile.Write(ref _armed, 1);

        public HttpMessageHandler InFrontOf(HttpMessageHandler engine) => new Handler(this, engine);

        private sealed class Handler(ResumeRefusal refusal, HttpMessageHandler engine) : DelegatingHandler(engine)
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                request.RequestUri!.AbsolutePath == ResumePath && Interlocked.Exchange(ref refusal._armed, 0) == 1
                    ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { Content = new StringContent("""{"error":"Incompatible step name. Expected fetch, got charge"}""") })
                    : base.SendAsync(request, cancellationToken);
        }
    }
}

using System.Net;
using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.InProcess;

/// <summary>
/// How a concurrent drain ends other than by finishing: a graceful stop, several requests failing at once, the
/// listing that guides its splits failing. In each, every run the service made is either yielded or reported.
/// </summary>
public sealed class ConcurrentDrainStopsAndFailuresTests
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";
    private const string ResumePath = "/v2/workflows/dlq/resume";

    [Fact]
    public async Task A_failing_listing_costs_only_the_guide_for_splits_never_a_page_nor_the_drain()
    {
        var unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> count = (_, e) =>
        {
            if (e.Exception.InnerExceptions.Any(inner => inner is WorkflowApiException { Status: 403 }))
            {
                Interlocked.Increment(ref unobserved);
            }
        };
        TaskScheduler.UnobservedTaskException += count;
        try
        {
            using var harness = new EngineHarness(wrapServer: engine => new ListingRefused(engine));
            var entries = FailedRuns.Many(500, Orders, FailedRun.DefaultFailedAt, TimeSpan.FromSeconds(1));
            await harness.Engine.DeadLetterAsync(entries);

            var runs = await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = 4 }));

            await DrainAudit.AssertExactlyOnceAsync(harness, entries.Select(entry => entry.DlqId).ToList(), [], runs, unseenAllowance: 0);
            Assert.Contains(harness.Wire.Requests, request => request is { Method: "GET", Status: HttpStatusCode.Forbidden });

            // Without a listing nothing tells what has passed on the service's clock, so no cut can be placed where an
            // entry failing during the drain could not land below it: the drain goes on as one part, as a loop would.
            Assert.All(harness.Wire.Requests.Where(request => request.Path == ResumePath), request => Assert.DoesNotContain("Date=", request.Query, StringComparison.Ordinal));
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= count;
        }

        Assert.Equal(0, unobserved);
    }

    [Fact]
    public async Task A_graceful_stop_sends_nothing_more_yields_every_page_answered_and_ends_without_an_exception()
    {
        using var harness = new EngineHarness();
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(5_000, Orders, FailedRun.DefaultFailedAt, TimeSpan.FromSeconds(1)));
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(10);
        using var stop = new CancellationTokenSource();
        var yielded = new List<ResumedRun>();

        await foreach (var page in harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = 8, GracefulStop = stop.Token }).AsPages())
        {
            yielded.AddRange(page.Values);
            if (yielded.Count >= 500)
            {
                await stop.CancelAsync();
            }
        }

        var resumed = await harness.ResumedRunsAsync();
        Assert.Equal(resumed.Select(run => run.WorkflowRunId).Order(StringComparer.Ordinal), yielded.Select(run => run.WorkflowRunId).Order(StringComparer.Ordinal));
        Assert.Equal(5_000 - yielded.Count, await harness.DlqCountAsync());
        Assert.InRange(yielded.Count, 500, 4_000);
        Assert.Equal(0, harness.Wire.InFlight);
    }

    [Fact]
    public async Task One_request_at_a_time_a_graceful_stop_ends_after_the_page_in_hand_with_the_token_to_continue()
    {
        using var harness = new EngineHarness();
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(120, Orders, FailedRun.DefaultFailedAt));
        using var stop = new CancellationTokenSource();
        var filter = ResumeFilter.Create().ForWorkflowUrl(Orders);

        var pages = new List<Page<ResumedRun>>();
        await foreach (var page in harness.Client.Dlq.BulkResumeAsync(filter, new ResumeOptions { GracefulStop = stop.Token }).AsPages())
        {
            pages.Add(page);
            await stop.CancelAsync();
        }

        var rest = (await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(filter).AsPages(pages[0].ContinuationToken))).SelectMany(page => page.Values).ToList();
        Assert.Single(pages);
        Assert.Equal(50, pages[0].Values.Count);
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.Equal(70, rest.Count);
        Assert.Equal(0, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task A_graceful_stop_of_a_concurrent_delete_returns_what_it_deleted()
    {
        using var harness = new EngineHarness(wrapServer: engine => new AfterAnswers(engine, answers: 3));
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(3_000, Orders, FailedRun.DefaultFailedAt, TimeSpan.FromSeconds(1)));
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(10);
        var stopAfterAnswers = (AfterAnswers)harness.Wire.InnerHandler!;

        var deleted = await harness.Client.Dlq.BulkDeleteAsync(ResumeFilter.All(), new BulkDeleteOptions { MaxConcurrency = 4, GracefulStop = stopAfterAnswers.Reached });

        Assert.True(stopAfterAnswers.Reached.IsCancellationRequested);
        Assert.InRange(deleted, 1, 2_999);
        Assert.Equal(3_000 - deleted, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task Several_requests_failing_at_once_are_each_reported_while_the_first_is_thrown()
    {
        var reports = new List<UnknownPageOutcome>();
        using var harness = new EngineHarness(configure: options => options.Retry.Enabled = false, wrapServer: engine => new AppliedThenBroken(engine, Breakage.ConnectionDrop, first: 12, count: 3));
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(4_000, Orders, FailedRun.DefaultFailedAt, TimeSpan.FromSeconds(1)));
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        var yielded = new List<ResumedRun>();

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() =>
            Drain.IntoAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { MaxConcurrency = 8, OnUnknownOutcome = reports.Add }), yielded));

        var made = await harness.ResumedRunsAsync();
        Assert.Equal(0, error.Status);
        Assert.Equal(3, reports.Count);
        Assert.Subset(made.Select(run => run.WorkflowRunId).ToHashSet(StringComparer.Ordinal), yielded.Select(run => run.WorkflowRunId).ToHashSet(StringComparer.Ordinal));
        Assert.InRange(made.Count - yielded.Count, 3, reports.Sum(report => report.MaxAffectedCount));
        Assert.Equal(4_000 - made.Count, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task By_ids_a_last_answer_of_500_after_the_engine_applied_puts_its_ids_in_doubt_not_in_not_attempted()
    {
        using var harness = new EngineHarness(configure: options => options.Retry.Enabled = false, wrapServer: engine => new AppliedThenBroken(engine, Breakage.ServerError, first: 3));
        var entries = FailedRuns.Many(400, Orders, FailedRun.DefaultFailedAt, TimeSpan.FromSeconds(1));
        await harness.Engine.DeadLetterAsync(entries);
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(10);
        var ids = entries.Select(entry => entry.DlqId).ToList();

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() =>
            Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids), new ResumeOptions { MaxConcurrency = 4 })));

        var resumedSources = (await harness.ResumedRunsAsync()).Select(run => run.SourceDlqId!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(500, error.Status);
        Assert.Equal(ids.Order(StringComparer.Ordinal), error.DoneIds.Concat(error.InDoubtIds).Concat(error.NotAttemptedIds).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(error.NotAttemptedIds, resumedSources.Contains);
        Assert.Subset(resumedSources, error.DoneIds.ToHashSet(StringComparer.Ordinal));
        Assert.Equal(error.NotAttemptedIds.Order(StringComparer.Ordinal), (await harness.RemainingDlqIdsAsync()).Intersect(error.NotAttemptedIds).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_answer_cut_off_mid_body_is_an_api_error_and_its_page_is_reported_unknown()
    {
        var reports = new List<UnknownPageOutcome>();
        using var harness = new EngineHarness(configure: options => options.Retry.Enabled = false, wrapServer: engine => new AppliedThenBroken(engine, Breakage.CutOff, first: 3));
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(1_000, Orders, FailedRun.DefaultFailedAt, TimeSpan.FromSeconds(1)));
        var yielded = new List<ResumedRun>();

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() =>
            Drain.IntoAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { OnUnknownOutcome = reports.Add }), yielded));

        var made = await harness.ResumedRunsAsync();
        Assert.Equal(200, error.Status);
        Assert.Contains("could not be read (it was cut off", error.Message, StringComparison.Ordinal);
        Assert.Single(reports);
        Assert.InRange(made.Count - yielded.Count, 1, reports[0].MaxAffectedCount);
    }

    /// <summary>Refuses every DLQ listing with 403; everything else reaches the engine.</summary>
    private sealed class ListingRefused(HttpMessageHandler engine) : DelegatingHandler(engine)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == "/v2/workflows/dlq"
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("""{"error":"listing refused"}""") })
                : base.SendAsync(request, cancellationToken);
    }

    /// <summary>Signals <see cref="Reached"/> once the engine has answered so many changes.</summary>
    private sealed class AfterAnswers(HttpMessageHandler engine, int answers) : DelegatingHandler(engine)
    {
        private readonly CancellationTokenSource _reached = new();
        private int _answered;

        public CancellationToken Reached => _reached.Token;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Get && Interlocked.Increment(ref _answered) == answers)
            {
                await _reached.CancelAsync();
            }

            return response;
        }

        protected override void Dispose(bool disposing)
        {
            _reached.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>How <see cref="AppliedThenBroken"/> breaks an answer the engine has already acted on.</summary>
    private enum Breakage
    {
        /// <summary>The connection drops before the answer arrives.</summary>
        ConnectionDrop,

        /// <summary>A 500 in the answer's place.</summary>
        ServerError,

        /// <summary>The answer's body is cut off halfway.</summary>
        CutOff,
    }

    /// <summary>
    /// Lets the engine apply every request, then breaks the answers of the resumes that resumed something, from the
    /// <c>first</c>th to <c>count</c> of them in a row (requests in flight together, when the drain runs concurrently).
    /// </summary>
    private sealed class AppliedThenBroken(HttpMessageHandler engine, Breakage breakage, int first, int count = 1) : DelegatingHandler(engine)
    {
        private int _withRuns;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath != ResumePath)
            {
                return response;
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!System.Text.Encoding.UTF8.GetString(body).Contains("\"workflowRunId\"", StringComparison.Ordinal)
                || Interlocked.Increment(ref _withRuns) is var n && (n < first || n >= first + count))
            {
                response.Content = new ByteArrayContent(body);
                return response;
            }

            response.Dispose();
            return breakage switch
            {
                Breakage.ConnectionDrop => throw new HttpRequestException(HttpRequestError.ResponseEnded, "the connection dropped after the engine applied the request"),
                Breakage.CutOff => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new CutOffStream(body[..(body.Length / 2)])) },
                _ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("""{"error":"internal error"}""") },
            };
        }
    }

    /// <summary>Reads the bytes it holds, then fails as a connection closed mid-answer does.</summary>
    private sealed class CutOffStream(byte[] head) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= head.Length)
            {
                throw new IOException("The response ended prematurely.");
            }

            var n = Math.Min(count, head.Length - _position);
            Array.Copy(head, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

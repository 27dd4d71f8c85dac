using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;
using EngineRun = BulkResume.Engine.RunRecord;

namespace BulkResume.IntegrationTests.InProcess;

/// <summary>WorkflowClient against the reference engine through the in-process handler.</summary>
public sealed class BulkResumeAgainstEngineTests
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";
    private const string Billing = "https://shop.example.com/api/workflows/billing";
    private static readonly DateTimeOffset T0 = FailedRun.DefaultFailedAt;

    [Fact]
    public async Task Draining_1000_entries_yields_exactly_the_new_runs_in_the_engine()
    {
        using var harness = new EngineHarness();
        IReadOnlyList<DlqEntry> seeded = FailedRuns.Many(1_000, Orders, T0);
        await harness.Engine.DeadLetterAsync(seeded);

        var yielded = new List<ResumedRun>();
        await foreach (ResumedRun run in harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All()))
        {
            yielded.Add(run);
        }

        List<EngineRun> resumed = await harness.ResumedRunsAsync();
        Assert.Equal(1_000, yielded.Count);
        Assert.Equal(resumed.Select(r => r.WorkflowRunId).Order(), yielded.Select(r => r.WorkflowRunId).Order());
        Assert.Equal(seeded.Select(e => e.DlqId).Order(), resumed.Select(r => r.SourceDlqId!).Order());
        Assert.All(yielded, run => Assert.Equal(resumed.Single(r => r.WorkflowRunId == run.WorkflowRunId).CreatedAt.ToUnixTimeMilliseconds(), run.WorkflowCreatedAt.ToUnixTimeMilliseconds()));
        Assert.Equal(0, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task A_filter_resumes_only_what_it_selects_across_pages()
    {
        using var harness = new EngineHarness();
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(120, i => FailedRun.For(i % 3 == 0 ? Billing : Orders).FailedAt(T0.AddMinutes(i)).WithLabels(i % 2 == 0 ? "eu" : "us")));
        var filter = ResumeFilter.Create().ForWorkflowUrl(Orders).WithLabel("eu").FailedBetween(T0.AddMinutes(10), T0.AddMinutes(99));

        var pages = new List<Page<ResumedRun>>();
        await foreach (Page<ResumedRun> page in harness.Client.Dlq.BulkResumeAsync(filter, new ResumeOptions { PageSize = 7 }).AsPages())
        {
            pages.Add(page);
        }

        int expected = Enumerable.Range(10, 90).Count(i => i % 3 != 0 && i % 2 == 0);
        Assert.Equal(expected, pages.Sum(p => p.Values.Count));
        Assert.True(pages.Count >= expected / 7, "pages of at most 7");
        Assert.All(pages, p => Assert.InRange(p.Values.Count, 0, 7));
        List<EngineRun> resumed = await harness.ResumedRunsAsync();
        Assert.All(resumed, run => Assert.Equal(Orders, run.WorkflowUrl));
        Assert.Equal(120 - expected, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task A_saved_continuation_token_continues_in_a_new_client_without_repeating()
    {
        using var harness = new EngineHarness();
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(30, Orders, T0));
        var filter = ResumeFilter.Create().ForWorkflowUrl(Orders);

        string? token;
        await using (IAsyncEnumerator<Page<ResumedRun>> pages = harness.Client.Dlq.BulkResumeAsync(filter, new ResumeOptions { PageSize = 10 }).AsPages().GetAsyncEnumerator())
        {
            Assert.True(await pages.MoveNextAsync());
            token = pages.Current.ContinuationToken;
        }

        var other = new WorkflowClient(harness.Server.CreateHttpClient(), new WorkflowClientOptions { Token = harness.Server.Token });
        var rest = new List<ResumedRun>();
        await foreach (Page<ResumedRun> page in other.Dlq.BulkResumeAsync(filter).AsPages(token, pageSizeHint: 10))
        {
            rest.AddRange(page.Values);
        }

        Assert.Equal(20, rest.Count);
        Assert.Equal(30, (await harness.ResumedRunsAsync()).Count);
        Assert.Equal(0, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task Explicit_ids_are_resumed_in_chunks_and_an_unknown_id_resumes_nothing_of_its_chunk()
    {
        using var harness = new EngineHarness();
        IReadOnlyList<DlqEntry> seeded = FailedRuns.Many(120, Orders, T0);
        await harness.Engine.DeadLetterAsync(seeded);
        var ids = seeded.Select(e => e.DlqId).ToList();

        var firstHundred = new List<ResumedRun>();
        await foreach (ResumedRun run in harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids.Take(100))))
        {
            firstHundred.Add(run);
        }

        var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(async () =>
        {
            await foreach (ResumedRun _ in harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids.Skip(100).Append("1-missing"))))
            {
            }
        });

        Assert.Equal(100, firstHundred.Count);
        Assert.Equal(["1-missing"], error.DlqIds);
        Assert.Equal(20, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task Overrides_reach_the_new_runs_and_absent_ones_keep_the_original()
    {
        using var harness = new EngineHarness();
        await harness.Engine.DeadLetterAsync(FailedRun.For(Orders).WithFlowControlKey("tenant-a", parallelism: 1, rate: 2, period: TimeSpan.FromMinutes(1)).WithMaxRetries(2).Build());

        await foreach (ResumedRun _ in harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { FlowControl = new FlowControl("tenant-b", parallelism: 4), Retries = 7 }))
        {
        }

        WorkflowRunConfiguration config = Assert.Single(await harness.ResumedRunsAsync()).Configuration;
        Assert.Equal("tenant-b", config.FlowControlKey);
        Assert.Equal(4, config.Parallelism);
        Assert.Equal(7, config.Retries);
    }

    [Fact]
    public async Task The_resumed_run_keeps_the_successful_steps_of_the_failed_one()
    {
        using var harness = new EngineHarness();
        await harness.Engine.DeadLetterAsync(FailedRun.For(Orders).FailedAtStep(3, of: 5).Build());

        await foreach (ResumedRun _ in harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All()))
        {
        }

        EngineRun run = Assert.Single(await harness.ResumedRunsAsync());
        Assert.NotEmpty(run.Steps);
        Assert.All(run.Steps, step => Assert.Equal(StepState.Success, step.State));
    }

    [Fact]
    public async Task A_wrong_token_is_a_401_that_does_not_echo_the_token()
    {
        using var harness = new EngineHarness();
        var client = new WorkflowClient(harness.Server.CreateHttpClient(), new WorkflowClientOptions { Token = "wrong-secret-token" });

        var error = await Assert.ThrowsAsync<WorkflowApiException>(async () =>
        {
            await foreach (ResumedRun _ in client.Dlq.BulkResumeAsync(ResumeFilter.All()))
            {
            }
        });

        Assert.Equal(401, error.Status);
        Assert.DoesNotContain("wrong-secret-token", error.ToString(), StringComparison.Ordinal);
    }
}

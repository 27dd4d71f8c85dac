namespace BulkResume.Client.Tests.Dlq;

/// <summary>Users can mock the client in their own tests: virtual members, protected constructors, model factory, fixed pages.</summary>
public sealed class MockingTests
{
    private sealed class FakeDlq : DlqClient
    {
        public ResumeFilter? LastFilter { get; private set; }

        public override AsyncPageable<ResumedRun> BulkResumeAsync(ResumeFilter filter, ResumeOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastFilter = filter;
            return AsyncPageable<ResumedRun>.FromPages(
            [
                Page<ResumedRun>.FromValues([DlqModelFactory.ResumedRun("wfr_a", DateTimeOffset.UnixEpoch)], "next"),
                Page<ResumedRun>.FromValues([DlqModelFactory.ResumedRun("wfr_b", DateTimeOffset.UnixEpoch)], null),
            ]);
        }
    }

    private sealed class FakeClient(DlqClient dlq) : WorkflowClient
    {
        public override DlqClient Dlq => dlq;
    }

    [Fact]
    public async Task A_mocked_client_serves_fixed_pages()
    {
        var dlq = new FakeDlq();
        WorkflowClient client = new FakeClient(dlq);
        var ids = new List<string>();

        await foreach (var run in client.Dlq.BulkResumeAsync(ResumeFilter.All()))
        {
            ids.Add(run.WorkflowRunId);
        }

        Assert.Equal(["wfr_a", "wfr_b"], ids);
        Assert.Equal("all", dlq.LastFilter?.ToString());
    }

    [Fact]
    public void A_client_made_for_mocking_says_to_override_instead_of_failing_obscurely()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new FakeClientWithoutOverrides().Dlq);

        Assert.Contains("override", error.Message, StringComparison.Ordinal);
    }

    private sealed class FakeClientWithoutOverrides : WorkflowClient
    {
    }
}

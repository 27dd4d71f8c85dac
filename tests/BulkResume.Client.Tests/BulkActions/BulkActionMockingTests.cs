namespace BulkResume.Client.Tests.BulkActions;

/// <summary>Users mock the async bulk calls in their own tests: virtual members, protected constructors, <see cref="DlqModelFactory.BulkAction"/>.</summary>
public sealed class BulkActionMockingTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeMilliseconds(1752829295505);

    private sealed class FakeOperation : BulkActionOperation
    {
        private readonly BulkAction _finished = DlqModelFactory.BulkAction(
            "act_fake",
            BulkActionKind.Resume,
            BulkActionState.Finished,
            total: 20_000,
            processed: 20_000,
            createdAt: Created,
            completedAt: Created.AddMinutes(3),
            filter: new Dictionary<string, IReadOnlyList<string>> { ["label"] = ["eu"] });

        public override string Id => "act_fake";

        public override bool HasCompleted => true;

        public override BulkAction? Value => _finished;

        public override Task<BulkAction> WaitForCompletionAsync(TimeSpan? pollingInterval = null, IProgress<BulkAction>? progress = null, CancellationToken cancellationToken = default)
        {
            progress?.Report(DlqModelFactory.BulkAction("act_fake", BulkActionKind.Resume, BulkActionState.InProgress, total: 20_000, processed: 7_000, createdAt: Created));
            progress?.Report(_finished);
            return Task.FromResult(_finished);
        }
    }

    private sealed class FakeDlq : DlqClient
    {
        public override Task<BulkActionOperation> StartBulkResumeAsync(ResumeFilter filter, ResumeOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<BulkActionOperation>(new FakeOperation());
    }

    private sealed class FakeClient(DlqClient dlq) : WorkflowClient
    {
        public override DlqClient Dlq => dlq;
    }

    private sealed class BareOperation : BulkActionOperation
    {
    }

    /// <summary>Code under test: resume a label's entries as a bulk action and say how it went.</summary>
    private static async Task<(string Summary, List<long> Seen)> ResumeLabelAsync(WorkflowClient client)
    {
        var seen = new List<long>();
        var operation = await client.Dlq.StartBulkResumeAsync(ResumeFilter.Create().WithLabel("eu"));
        var action = await operation.WaitForCompletionAsync(progress: new Collect(seen));
        return ($"{operation.Id}: {action.Processed} of {action.Total} ({action.Filter["label"][0]})", seen);
    }

    [Fact]
    public async Task Code_that_starts_and_watches_a_bulk_action_can_be_tested_against_mocks()
    {
        var (summary, seen) = await ResumeLabelAsync(new FakeClient(new FakeDlq()));

        Assert.Equal("act_fake: 20000 of 20000 (eu)", summary);
        Assert.Equal([7_000L, 20_000L], seen);
    }

    [Fact]
    public void An_operation_made_for_mocking_says_to_override_instead_of_failing_obscurely()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new BareOperation().Id);

        Assert.Contains("override", error.Message, StringComparison.Ordinal);
        Assert.Null(new BareOperation().Value);
        Assert.Equal(nameof(BareOperation), new BareOperation().ToString());
    }

    private sealed class Collect(List<long> seen) : IProgress<BulkAction>
    {
        public void Report(BulkAction value) => seen.Add(value.Processed);
    }
}

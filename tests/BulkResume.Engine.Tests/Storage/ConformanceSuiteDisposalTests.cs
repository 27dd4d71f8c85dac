using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Tests.Storage;

/// <summary>The conformance suite disposes the stores its tests create, so an implementer keeps no list of them.</summary>
public sealed class ConformanceSuiteDisposalTests
{
    [Fact]
    public async Task Every_store_a_test_created_is_disposed_after_the_test_and_not_before()
    {
        var suite = new Probe();
        await suite.InitializeAsync();

        await suite.Runs_are_saved_read_and_paged_by_id();
        var disposedDuringTheTest = suite.Created.Count(store => store.Disposed);
        await suite.DisposeAsync();

        Assert.NotEmpty(suite.Created);
        Assert.Equal(0, disposedDuringTheTest);
        Assert.All(suite.Created, store => Assert.Equal(1, store.Disposals));
    }

    /// <summary>Not public, so xunit does not run the whole suite a second time through it.</summary>
    private sealed class Probe : DlqStoreConformanceTests
    {
        public List<DisposalCountingStore> Created { get; } = [];

        protected override IDlqStore CreateStore()
        {
            var store = new DisposalCountingStore(new InMemoryDlqStore());
            Created.Add(store);
            return store;
        }
    }

    private sealed class DisposalCountingStore(IDlqStore inner) : IDlqStore, IAsyncDisposable
    {
        public int Disposals { get; private set; }

        public bool Disposed => Disposals > 0;

        public ValueTask<DlqEntry?> GetAsync(string dlqId, CancellationToken cancellationToken = default) => inner.GetAsync(dlqId, cancellationToken);

        public ValueTask<IReadOnlyList<DlqEntry>> QueryAsync(DlqQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public ValueTask<RunRecord?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default) => inner.GetRunAsync(workflowRunId, cancellationToken);

        public ValueTask<IReadOnlyList<RunRecord>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default) => inner.QueryRunsAsync(query, cancellationToken);

        public ValueTask<DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => inner.GetStatisticsAsync(cancellationToken);

        public ValueTask<BulkActionRecord?> GetBulkActionAsync(string actionId, CancellationToken cancellationToken = default) => inner.GetBulkActionAsync(actionId, cancellationToken);

        public ValueTask<IReadOnlyList<BulkActionRecord>> QueryBulkActionsAsync(
            DateTimeOffset createdSince, string? beforeActionId, bool unfinishedOnly, int limit, CancellationToken cancellationToken = default) =>
            inner.QueryBulkActionsAsync(createdSince, beforeActionId, unfinishedOnly, limit, cancellationToken);

        public ValueTask SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default) => inner.SaveRunAsync(run, cancellationToken);

        public ValueTask<IReadOnlyList<DeliveryRecord>> GetDeliveriesAsync(string workflowRunId, CancellationToken cancellationToken = default) => inner.GetDeliveriesAsync(workflowRunId, cancellationToken);

        public ValueTask<DateTimeOffset?> GetNextDeliveryTimeAsync(CancellationToken cancellationToken = default) => inner.GetNextDeliveryTimeAsync(cancellationToken);

        public ValueTask<T> WriteAsync<T>(Func<IDlqTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default) => inner.WriteAsync(work, cancellationToken);

        public ValueTask DisposeAsync()
        {
            Disposals++;
            return ValueTask.CompletedTask;
        }
    }
}

using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Runtime.Support;

/// <summary>An engine (fake clock, sequential ids, in-memory store) with a workflow runtime and the checkout workflow mapped.</summary>
internal sealed class RuntimeFixture : IAsyncDisposable
{
    public RuntimeFixture()
    {
        Runtime = new WorkflowRuntime(Fixture.Engine).Map(CheckoutWorkflow.Url, Checkout.RunAsync);
    }

    public EngineFixture Fixture { get; } = new();

    public DlqEngine Engine => Fixture.Engine;

    public WorkflowRuntime Runtime { get; }

    public CheckoutWorkflow Checkout { get; } = new();

    /// <summary>Triggers <paramref name="count"/> checkouts (payloads <c>order-0</c>...) and waits until they have finished.</summary>
    public async Task<List<string>> CheckoutAsync(int count, int retries = 0)
    {
        var runIds = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            runIds.Add(await Runtime.TriggerAsync(CheckoutWorkflow.Url, $"order-{i}", new WorkflowTriggerOptions { Retries = retries }));
        }

        await Runtime.WaitForIdleAsync();
        return runIds;
    }

    public async Task<RunRecord> RunAsync(string workflowRunId) =>
        await Fixture.Store.GetRunAsync(workflowRunId) ?? throw new InvalidOperationException($"Run {workflowRunId} is not stored.");

    public async Task<IReadOnlyList<DlqEntry>> DlqAsync() => (await Engine.ListAsync(DlqSelection.All)).Entries;

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}

using BulkResume.Engine;
using BulkResume.Engine.BulkActions;
using EngineActionKind = BulkResume.Engine.BulkActions.BulkActionKind;

namespace BulkResume.Benchmarks.Data;

/// <summary>An async bulk resume in process: the action started as the HTTP API starts it, then a worker run until no action is left.</summary>
internal static class EngineBulkAction
{
    /// <summary>The query of <c>POST /v2/workflows/dlq/resume/bulk?workflowUrl=...</c> that selects what <see cref="BenchData.OrdersOnly"/> does.</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> OrdersFilter =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["workflowUrl"] = [BenchData.OrdersUrl] };

    /// <summary>Resumes every entry of <see cref="BenchData.OrdersUrl"/> as one action; returns how many it resumed, once it has finished.</summary>
    /// <exception cref="InvalidOperationException">The worker went idle with the action unfinished, or it processed other than its total.</exception>
    public static async Task<int> ResumeAsync(DlqEngine engine)
    {
        string actionId = await engine.BulkActions.StartAsync(EngineActionKind.Resume, OrdersFilter, overrides: null, CancellationToken.None);
        await new BulkActionWorker(engine).WaitUntilIdleAsync();
        BulkActionView action = await engine.BulkActions.GetAsync(actionId, CancellationToken.None);
        return action.Finished && action.Record.Processed == action.Record.Total
            ? checked((int)action.Record.Processed)
            : throw new InvalidOperationException(
                $"The bulk action {actionId} ended {(action.Finished ? "finished" : "unfinished")} with {action.Record.Processed} of {action.Record.Total} entries processed.");
    }
}

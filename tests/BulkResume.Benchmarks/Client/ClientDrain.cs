using BulkResume.Engine.Paging;

namespace BulkResume.Benchmarks.Client;

/// <summary>What a user of the SDK writes: <c>await foreach</c> over <c>BulkResumeAsync</c> with one workflow URL, pages of 50.</summary>
internal static class ClientDrain
{
    /// <param name="client">The SDK.</param>
    /// <param name="workflowUrl">The selection.</param>
    /// <param name="afterEach">Called with the count so far after each run.</param>
    /// <param name="maxConcurrency"><see cref="ResumeOptions.MaxConcurrency"/>; null for the sequential drain.</param>
    /// <param name="runIds">Where each yielded run's id is added, when given.</param>
    public static async Task<int> DrainAsync(
        WorkflowClient client, string workflowUrl, Action<int>? afterEach = null, int? maxConcurrency = null, List<string>? runIds = null)
    {
        int resumed = 0;
        var options = new ResumeOptions { PageSize = 50, MaxConcurrency = maxConcurrency };
        await foreach (ResumedRun run in client.Dlq.BulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(workflowUrl), options))
        {
            resumed++;
            runIds?.Add(run.WorkflowRunId);
            afterEach?.Invoke(resumed);
        }

        return resumed;
    }
}

namespace BulkResume.Benchmarks.Client;

/// <summary>What a user of the SDK writes: <c>await foreach</c> over <c>BulkResumeAsync</c> with one workflow URL, pages of 50.</summary>
internal static class ClientDrain
{
    public static async Task<int> DrainAsync(WorkflowClient client, string workflowUrl, Action<int>? afterEach = null)
    {
        int resumed = 0;
        await foreach (ResumedRun run in client.Dlq.BulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(workflowUrl), new ResumeOptions { PageSize = 50 }))
        {
            resumed++;
            afterEach?.Invoke(resumed);
        }

        return resumed;
    }
}

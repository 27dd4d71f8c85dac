using BulkResume.Engine;
using BulkResume.Engine.Storage;

namespace BulkResume.Cli.Tests.Support;

/// <summary>What the engine itself holds of the runs a resume or restart made: the judge of "each entry acted on once".</summary>
internal static class NewRuns
{
    /// <summary>The DLQ id each resumed or restarted run came from, one per run: an id twice is an entry acted on twice.</summary>
    public static async Task<List<string>> SourcesAsync(IDlqStore store) =>
        [.. (await store.QueryRunsAsync(new RunQuery(RunSelection.All, after: null, limit: 100_000)))
            .Where(run => run.Origin is WorkflowRunOrigin.Resumed or WorkflowRunOrigin.Restarted)
            .Select(run => run.SourceDlqId!)];
}

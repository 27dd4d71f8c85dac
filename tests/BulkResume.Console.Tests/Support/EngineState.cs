using BulkResume.Emulator;
using BulkResume.Engine;
using BulkResume.Engine.Storage;

namespace BulkResume.Console.Tests.Support;

/// <summary>What the engine holds, read from its store: the check after each action the console took.</summary>
internal static class EngineState
{
    public static async Task<IReadOnlyList<DlqEntry>> EntriesAsync(WorkflowEmulator emulator)
    {
        var entries = new List<DlqEntry>();
        string? cursor = null;
        do
        {
            var page = await emulator.Engine.ListAsync(DlqSelection.All, cursor);
            entries.AddRange(page.Entries);
            cursor = page.Cursor;
        }
        while (cursor is not null);
        return entries;
    }

    public static async Task<IReadOnlyList<RunRecord>> RunsAsync(WorkflowEmulator emulator, WorkflowRunOrigin origin) =>
        (await emulator.Store.QueryRunsAsync(new RunQuery(RunSelection.All, after: null, limit: 100_000))).Where(run => run.Origin == origin).ToArray();

    /// <summary>What an entry is, field by field that an action could change, for "nothing else changed".</summary>
    public static string Fingerprint(DlqEntry entry) => string.Join(
        '|',
        entry.DlqId,
        entry.WorkflowRunId,
        entry.WorkflowUrl,
        entry.CreatedAt.ToUnixTimeMilliseconds(),
        string.Join(',', entry.Labels),
        entry.FlowControlKey,
        entry.MaxRetries,
        entry.ResponseStatus,
        entry.FailureCallback,
        entry.FailureCallbackInfo?.State,
        string.Join(',', entry.Steps.Select(step => $"{step.StepName}:{step.State}")));

    /// <summary>The ids of <paramref name="entries"/>, for comparing what is left with what was there.</summary>
    public static string[] Ids(IEnumerable<DlqEntry> entries) => entries.Select(entry => entry.DlqId).Order(StringComparer.Ordinal).ToArray();
}

namespace BulkResume.Cli.Output.Json;

/// <summary>One DLQ entry in <c>--json</c> output: what identifies it and why it failed (never headers or bodies, which may hold secrets).</summary>
internal sealed record EntryDocument(
    string DlqId,
    string WorkflowRunId,
    string WorkflowUrl,
    DateTimeOffset FailedAt,
    DateTimeOffset WorkflowCreatedAt,
    int? ResponseStatus,
    IReadOnlyList<string> Labels,
    string? FlowControlKey,
    string? CallerIp)
{
    public static EntryDocument From(DlqMessage entry) => new(
        entry.DlqId, entry.WorkflowRunId, entry.WorkflowUrl, entry.CreatedAt, entry.WorkflowCreatedAt, entry.ResponseStatus, entry.Labels, entry.FlowControlKey, entry.CallerIp);
}

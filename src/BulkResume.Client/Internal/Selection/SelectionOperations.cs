namespace BulkResume.Internal.Selection;

/// <summary>The client operations that send a selection: which of them take a criterion is a column of <see cref="SelectionCriteria"/>.</summary>
[Flags]
internal enum SelectionOperations
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><c>GET /v2/workflows/dlq</c> (<see cref="DlqClient.ListAsync"/>).</summary>
    DlqList = 1,

    /// <summary><c>POST /v2/workflows/dlq/resume</c> (<see cref="DlqClient.BulkResumeAsync(ResumeFilter, ResumeOptions?, CancellationToken)"/>).</summary>
    BulkResume = 2,

    /// <summary><c>POST /v2/workflows/dlq/restart</c> (<see cref="DlqClient.BulkRestartAsync(ResumeFilter, ResumeOptions?, CancellationToken)"/>).</summary>
    BulkRestart = 4,

    /// <summary><c>DELETE /v2/workflows/dlq</c> (<see cref="DlqClient.BulkDeleteAsync(ResumeFilter, CancellationToken)"/>).</summary>
    BulkDelete = 8,

    /// <summary><c>GET /v2/workflows/logs</c> (<see cref="RunsClient.ListAsync"/>).</summary>
    RunLogs = 16,

    /// <summary><c>POST /v2/workflows/dlq/resume/bulk</c> (<see cref="DlqClient.StartBulkResumeAsync"/>): a bulk action the service runs.</summary>
    StartBulkResume = 32,

    /// <summary><c>POST /v2/workflows/dlq/restart/bulk</c> (<see cref="DlqClient.StartBulkRestartAsync"/>).</summary>
    StartBulkRestart = 64,

    /// <summary><c>DELETE /v2/workflows/dlq/bulk</c> (<see cref="DlqClient.StartBulkDeleteAsync"/>).</summary>
    StartBulkDelete = 128,

    /// <summary>The operations that start a bulk action: they take criteria only, never explicit ids.</summary>
    DlqActions = StartBulkResume | StartBulkRestart | StartBulkDelete,

    /// <summary><c>DELETE /v2/workflows/runs</c> (<see cref="RunsClient.BulkCancelAsync"/>, and <see cref="RunsClient.StartBulkCancelAsync"/> with <c>async=true</c>): an empty selection is refused unless every run is asked for.</summary>
    CancelRuns = 256,

    /// <summary>The operations that act on what they select: an empty selection is refused unless every entry is asked for.</summary>
    DlqBulk = BulkResume | BulkRestart | BulkDelete | DlqActions,

    /// <summary>Every operation on the DLQ that takes a <see cref="ResumeFilter"/>.</summary>
    Dlq = DlqList | DlqBulk,
}

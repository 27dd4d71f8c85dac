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

    /// <summary><c>DELETE /v2/workflows/runs</c> (<see cref="RunsClient.BulkCancelAsync"/>): an empty selection is refused unless every run is asked for.</summary>
    CancelRuns = 256,

    /// <summary>The operations that act on what they select: an empty selection is refused unless every entry is asked for.</summary>
    DlqBulk = BulkResume | BulkRestart | BulkDelete,

    /// <summary>Every operation on the DLQ that takes a <see cref="ResumeFilter"/>.</summary>
    Dlq = DlqList | DlqBulk,
}

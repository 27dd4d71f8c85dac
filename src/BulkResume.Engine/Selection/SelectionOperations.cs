using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Selection;

/// <summary>
/// The operations that take a selection from the query string, each named by the criteria it takes in
/// <see cref="SelectionCriteria"/>; an operation added here (an async bulk action) takes a criterion once the
/// criterion's row lists it.
/// </summary>
[Flags]
internal enum SelectionOperations
{
    /// <summary>No operation.</summary>
    None = 0,

    /// <summary><c>GET /v2/workflows/dlq</c> (and its older path).</summary>
    List = 1,

    /// <summary><c>POST /v2/workflows/dlq/resume</c>.</summary>
    Resume = 2,

    /// <summary><c>POST /v2/workflows/dlq/restart</c>.</summary>
    Restart = 4,

    /// <summary><c>DELETE /v2/workflows/dlq</c>.</summary>
    Delete = 8,

    /// <summary>The sync bulk actions on DLQ entries.</summary>
    BulkActions = Resume | Restart | Delete,

    /// <summary><c>GET /v2/workflows/logs</c> (and its events path): the criteria of <see cref="SelectionCriteria.Runs"/>.</summary>
    ListRuns = 16,

    /// <summary>
    /// <c>DELETE /v2/workflows/runs</c>, whose <c>workflowUrl</c> matches as a prefix (the service's default): the
    /// criteria of <see cref="SelectionCriteria.Runs"/> a bulk cancel takes.
    /// </summary>
    CancelRuns = 32,

    /// <summary>The same with <c>workflowUrlExactMatch=true</c>: <c>workflowUrl</c> matches exactly.</summary>
    CancelRunsByExactUrl = 64,

    /// <summary>A bulk cancel of runs, whichever way it matches the workflow URL.</summary>
    AnyCancelRuns = CancelRuns | CancelRunsByExactUrl,

    /// <summary><c>POST /v2/workflows/dlq/resume/bulk</c>: an async bulk action, which covers its whole selection (no ids, cursor or count).</summary>
    ResumeAction = 128,

    /// <summary><c>POST /v2/workflows/dlq/restart/bulk</c>.</summary>
    RestartAction = 256,

    /// <summary><c>DELETE /v2/workflows/dlq/bulk</c>.</summary>
    DeleteAction = 512,

    /// <summary>The async bulk actions on DLQ entries.</summary>
    AsyncBulkActions = ResumeAction | RestartAction | DeleteAction,

    /// <summary>Every operation on DLQ entries.</summary>
    AnyOnEntries = List | BulkActions | AsyncBulkActions,
}

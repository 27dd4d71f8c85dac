using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Selection;

/// <summary>
/// The operations that take a selection from the query string, each named by the criteria it takes in
/// <see cref="SelectionCriteria"/>; an operation added here (an async bulk action, a bulk cancel of runs) takes a
/// criterion once the criterion's row lists it.
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

    /// <summary><c>POST /v2/workflows/dlq/resume/bulk</c>: an async bulk action, which covers its whole selection (no ids, cursor or count).</summary>
    ResumeAction = 32,

    /// <summary><c>POST /v2/workflows/dlq/restart/bulk</c>.</summary>
    RestartAction = 64,

    /// <summary><c>DELETE /v2/workflows/dlq/bulk</c>.</summary>
    DeleteAction = 128,

    /// <summary>The async bulk actions on DLQ entries.</summary>
    AsyncBulkActions = ResumeAction | RestartAction | DeleteAction,

    /// <summary>Every operation on DLQ entries.</summary>
    AnyOnEntries = List | BulkActions | AsyncBulkActions,
}

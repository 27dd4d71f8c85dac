namespace BulkResume.Engine;

/// <summary>Why the engine refused an operation.</summary>
public enum DlqErrorKind
{
    /// <summary>The request is malformed or inconsistent (HTTP 400).</summary>
    /// <remarks>Nothing was changed.</remarks>
    BadRequest,

    /// <summary>An entry the request names is not in the DLQ (HTTP 404).</summary>
    /// <remarks>Nothing was changed.</remarks>
    NotFound,

    /// <summary>The request conflicts with an action that is running (HTTP 409), such as a bulk action of the same selection with other overrides.</summary>
    /// <remarks>Nothing was changed.</remarks>
    Conflict,
}

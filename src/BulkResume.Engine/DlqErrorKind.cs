namespace BulkResume.Engine;

/// <summary>Why the engine refused an operation.</summary>
public enum DlqErrorKind
{
    /// <summary>The request is malformed or inconsistent (HTTP 400). Nothing was changed.</summary>
    BadRequest,

    /// <summary>An entry the request names is not in the DLQ (HTTP 404). Nothing was changed.</summary>
    NotFound,
}

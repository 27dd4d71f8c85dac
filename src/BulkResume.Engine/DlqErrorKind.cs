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
}

namespace BulkResume.Engine;

/// <summary>How an "apply then fail" fault fails after the operation has committed.</summary>
public enum FaultFailure
{
    /// <summary>The answer is <c>500 {"error":"Internal error"}</c>.</summary>
    ServerError,

    /// <summary>The connection drops before any answer (the in-process handler throws <see cref="HttpRequestException"/>).</summary>
    ConnectionDrop,
}

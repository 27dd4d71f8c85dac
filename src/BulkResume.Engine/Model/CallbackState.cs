namespace BulkResume.Engine;

/// <summary>The state of a failed run's failure callback (wire parameter <c>failureFunctionState</c>).</summary>
public enum CallbackState
{
    /// <summary>The callback is still running (wire name <c>CALLBACK_INPROGRESS</c>).</summary>
    InProgress,

    /// <summary>The callback succeeded (wire name <c>CALLBACK_SUCCESS</c>).</summary>
    Success,

    /// <summary>The callback failed (wire name <c>CALLBACK_FAIL</c>).</summary>
    Fail,

    /// <summary>The callback was canceled (wire name <c>CALLBACK_CANCELED</c>).</summary>
    Canceled,
}

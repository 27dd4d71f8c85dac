namespace BulkResume;

/// <summary>The state of a failed run's failure callback (the <c>failureFunctionState</c> filter).</summary>
public enum FailureCallbackState
{
    /// <summary>The failure callback is running (<c>CALLBACK_INPROGRESS</c>).</summary>
    InProgress,

    /// <summary>The failure callback succeeded (<c>CALLBACK_SUCCESS</c>).</summary>
    Succeeded,

    /// <summary>The failure callback failed (<c>CALLBACK_FAIL</c>).</summary>
    Failed,

    /// <summary>The failure callback was canceled (<c>CALLBACK_CANCELED</c>).</summary>
    Canceled,
}

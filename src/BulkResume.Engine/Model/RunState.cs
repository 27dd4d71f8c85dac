namespace BulkResume.Engine;

/// <summary>The state of a workflow run.</summary>
public enum RunState
{
    /// <summary>The run has started and is not finished (wire name <c>RUN_STARTED</c>).</summary>
    RunStarted,

    /// <summary>The run finished successfully (wire name <c>RUN_SUCCESS</c>).</summary>
    RunSuccess,

    /// <summary>The run failed and was dead-lettered (wire name <c>RUN_FAILED</c>).</summary>
    RunFailed,

    /// <summary>The run was canceled (wire name <c>RUN_CANCELED</c>).</summary>
    RunCanceled,
}

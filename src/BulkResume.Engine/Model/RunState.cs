namespace BulkResume.Engine;

/// <summary>The state of a workflow run.</summary>
public enum RunState
{
    /// <summary>The run has started and is not finished (wire name <c>RUN_STARTED</c>).</summary>
    Started,

    /// <summary>The run finished successfully (wire name <c>RUN_SUCCESS</c>).</summary>
    Success,

    /// <summary>The run failed and was dead-lettered (wire name <c>RUN_FAILED</c>).</summary>
    Failed,

    /// <summary>The run was canceled (wire name <c>RUN_CANCELED</c>).</summary>
    Canceled,
}

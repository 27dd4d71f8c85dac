namespace BulkResume.Internal.Wire;

/// <summary>
/// The wire names of run states, step states, step types and step group types, without reflection. A missing or
/// unknown name (a newer service may add values) reads as null (a group as sequential) rather than failing the answer.
/// </summary>
internal static class WorkflowStateNames
{
    public static WorkflowRunState? RunState(string? name) => name switch
    {
        "RUN_STARTED" => WorkflowRunState.Started,
        "RUN_SUCCESS" => WorkflowRunState.Succeeded,
        "RUN_FAILED" => WorkflowRunState.Failed,
        "RUN_CANCELED" => WorkflowRunState.Canceled,
        _ => null,
    };

    /// <summary>The wire name of a run state, for the run logs' <c>state</c> filter.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a defined value.</exception>
    public static string RunStateName(WorkflowRunState state) => state switch
    {
        WorkflowRunState.Started => "RUN_STARTED",
        WorkflowRunState.Succeeded => "RUN_SUCCESS",
        WorkflowRunState.Failed => "RUN_FAILED",
        WorkflowRunState.Canceled => "RUN_CANCELED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Use one of the WorkflowRunState values."),
    };

    public static WorkflowStepState? StepState(string? name) => name switch
    {
        "STEP_SUCCESS" => WorkflowStepState.Succeeded,
        "STEP_RETRY" => WorkflowStepState.Retrying,
        "STEP_FAILED" => WorkflowStepState.Failed,
        "STEP_PROGRESS" => WorkflowStepState.InProgress,
        "STEP_CANCELED" => WorkflowStepState.Canceled,
        _ => null,
    };

    public static WorkflowStepType? StepType(string? name) => name switch
    {
        "Initial" => WorkflowStepType.Initial,
        "Run" => WorkflowStepType.Run,
        "SleepFor" => WorkflowStepType.SleepFor,
        "SleepUntil" => WorkflowStepType.SleepUntil,
        "Call" => WorkflowStepType.Call,
        "Wait" => WorkflowStepType.Wait,
        "Notify" => WorkflowStepType.Notify,
        "Invoke" => WorkflowStepType.Invoke,
        "CreateWebhook" => WorkflowStepType.CreateWebhook,
        "WaitForWebhook" => WorkflowStepType.WaitForWebhook,
        _ => null,
    };

    public static WorkflowStepGroupKind GroupKind(string? name) => name switch
    {
        "parallel" => WorkflowStepGroupKind.Parallel,
        "next" => WorkflowStepGroupKind.Next,
        _ => WorkflowStepGroupKind.Sequential,
    };
}

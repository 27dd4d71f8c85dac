namespace BulkResume.Engine.Http;

/// <summary>The wire names of the model's states and types (<c>CALLBACK_FAIL</c>, <c>RUN_STARTED</c>, <c>STEP_SUCCESS</c>, <c>Run</c>, ...), both ways.</summary>
public static class WireNames
{
    /// <summary>The state of a bulk action that runs.</summary>
    internal const string BulkActionInProgress = "IN_PROGRESS";

    /// <summary>The state of a bulk action that finished.</summary>
    internal const string BulkActionFinished = "FINISHED";

    private static readonly CallbackState[] CallbackStates = Enum.GetValues<CallbackState>();
    private static readonly RunState[] RunStates = Enum.GetValues<RunState>();

    /// <summary>The wire name of a failure callback state, like <c>CALLBACK_FAIL</c>.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The name.</returns>
    internal static string Of(CallbackState state) => state switch
    {
        CallbackState.InProgress => "CALLBACK_INPROGRESS",
        CallbackState.Success => "CALLBACK_SUCCESS",
        CallbackState.Fail => "CALLBACK_FAIL",
        CallbackState.Canceled => "CALLBACK_CANCELED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown failure callback state."),
    };

    /// <summary>The wire name of a run state, like <c>RUN_FAILED</c>.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The name.</returns>
    public static string Of(RunState state) => state switch
    {
        RunState.Started => "RUN_STARTED",
        RunState.Success => "RUN_SUCCESS",
        RunState.Failed => "RUN_FAILED",
        RunState.Canceled => "RUN_CANCELED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown run state."),
    };

    /// <summary>The wire name of a step state, like <c>STEP_SUCCESS</c>.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The name.</returns>
    internal static string Of(StepState state) => state switch
    {
        StepState.Success => "STEP_SUCCESS",
        StepState.Retry => "STEP_RETRY",
        StepState.Failed => "STEP_FAILED",
        StepState.Progress => "STEP_PROGRESS",
        StepState.Canceled => "STEP_CANCELED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown step state."),
    };

    /// <summary>The wire name of a step type, like <c>Run</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    internal static string Of(StepType type) => type switch
    {
        StepType.Initial => "Initial",
        StepType.Run => "Run",
        StepType.SleepFor => "SleepFor",
        StepType.SleepUntil => "SleepUntil",
        StepType.Call => "Call",
        StepType.Wait => "Wait",
        StepType.Notify => "Notify",
        StepType.Invoke => "Invoke",
        StepType.CreateWebhook => "CreateWebhook",
        StepType.WaitForWebhook => "WaitForWebhook",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown step type."),
    };

    /// <summary>The run state with this wire name; anything else is a 400 naming <paramref name="parameterName"/>.</summary>
    /// <param name="parameterName">The parameter or field that holds the name, for the error.</param>
    /// <param name="text">The name.</param>
    /// <returns>The state.</returns>
    /// <exception cref="DlqEngineException">The name is not a run state's.</exception>
    internal static RunState ParseRunState(string parameterName, string text) =>
        Parse(parameterName, text, RunStates, Of);

    /// <summary>The failure callback state with this wire name; anything else is a 400 naming <paramref name="parameterName"/>.</summary>
    /// <param name="parameterName">The parameter or field that holds the name, for the error.</param>
    /// <param name="text">The name.</param>
    /// <returns>The state.</returns>
    /// <exception cref="DlqEngineException">The name is not a failure callback state's.</exception>
    public static CallbackState ParseFailureCallbackState(string parameterName, string text) =>
        Parse(parameterName, text, CallbackStates, Of);

    /// <summary>The step type with this wire name; anything else is refused naming <paramref name="parameterName"/>.</summary>
    /// <param name="parameterName">The parameter or field that holds the name, for the error.</param>
    /// <param name="text">The name.</param>
    /// <returns>The type.</returns>
    /// <exception cref="DlqEngineException">The name is not a step type's.</exception>
    internal static StepType ParseStepType(string parameterName, string text) =>
        Parse(parameterName, text, Enum.GetValues<StepType>(), Of);

    /// <summary>The step state with this wire name; anything else is refused naming <paramref name="parameterName"/>.</summary>
    /// <param name="parameterName">The parameter or field that holds the name, for the error.</param>
    /// <param name="text">The name.</param>
    /// <returns>The state.</returns>
    /// <exception cref="DlqEngineException">The name is not a step state's.</exception>
    internal static StepState ParseStepState(string parameterName, string text) =>
        Parse(parameterName, text, Enum.GetValues<StepState>(), Of);

    private static T Parse<T>(string parameterName, string text, T[] values, Func<T, string> name)
    {
        foreach (T value in values)
        {
            if (string.Equals(name(value), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw DlqEngineException.BadRequest(
            parameterName,
            $"{parameterName} must be one of {string.Join(", ", values.Select(name))}; got '{text}'.");
    }
}

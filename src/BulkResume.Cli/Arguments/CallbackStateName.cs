namespace BulkResume.Cli.Arguments;

/// <summary>
/// The values of <c>--callback-state</c>: in-progress, succeeded, failed, canceled, the SDK's names filters.md lists
/// (InProgress, in any case) or the wire names such as CALLBACK_FAIL.
/// </summary>
internal static class CallbackStateName
{
    public const string Flag = "--callback-state";

    public static FailureCallbackState Parse(string text) => text.Trim().ToUpperInvariant() switch
    {
        "IN-PROGRESS" or "INPROGRESS" or "CALLBACK_INPROGRESS" => FailureCallbackState.InProgress,
        "SUCCEEDED" or "CALLBACK_SUCCESS" => FailureCallbackState.Succeeded,
        "FAILED" or "CALLBACK_FAIL" => FailureCallbackState.Failed,
        "CANCELED" or "CALLBACK_CANCELED" => FailureCallbackState.Canceled,
        _ => throw new UsageException(Flag, $"{Flag} '{text}' is not a callback state. Use in-progress, succeeded, failed or canceled."),
    };
}

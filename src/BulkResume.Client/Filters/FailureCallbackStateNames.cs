namespace BulkResume;

/// <summary>The wire names of <see cref="FailureCallbackState"/>, without reflection.</summary>
internal static class FailureCallbackStateNames
{
    public static string ToWire(FailureCallbackState state) => state switch
    {
        FailureCallbackState.InProgress => "CALLBACK_INPROGRESS",
        FailureCallbackState.Succeeded => "CALLBACK_SUCCESS",
        FailureCallbackState.Failed => "CALLBACK_FAIL",
        FailureCallbackState.Canceled => "CALLBACK_CANCELED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Use one of the FailureCallbackState values."),
    };

    /// <summary>The state of a wire name; null for a missing or unknown name (a newer service may add states).</summary>
    public static FailureCallbackState? FromWire(string? name) => name switch
    {
        "CALLBACK_INPROGRESS" => FailureCallbackState.InProgress,
        "CALLBACK_SUCCESS" => FailureCallbackState.Succeeded,
        "CALLBACK_FAIL" => FailureCallbackState.Failed,
        "CALLBACK_CANCELED" => FailureCallbackState.Canceled,
        _ => null,
    };
}

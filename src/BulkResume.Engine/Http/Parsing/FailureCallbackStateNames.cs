using BulkResume.Engine.Model;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>The wire names of <see cref="FailureCallbackState"/>.</summary>
internal static class FailureCallbackStateNames
{
    private static readonly (string Name, FailureCallbackState State)[] Names =
    [
        ("CALLBACK_INPROGRESS", FailureCallbackState.CallbackInProgress),
        ("CALLBACK_SUCCESS", FailureCallbackState.CallbackSuccess),
        ("CALLBACK_FAIL", FailureCallbackState.CallbackFail),
        ("CALLBACK_CANCELED", FailureCallbackState.CallbackCanceled),
    ];

    public static FailureCallbackState Parse(string parameterName, string text)
    {
        foreach ((string name, FailureCallbackState state) in Names)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                return state;
            }
        }

        throw DlqEngineException.BadRequest(
            parameterName,
            $"{parameterName} must be one of {string.Join(", ", Names.Select(pair => pair.Name))}; got '{text}'.");
    }
}

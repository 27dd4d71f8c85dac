namespace BulkResume.Engine.Runtime;

/// <summary>
/// The workflow's code no longer calls, before the point of failure, the steps the resumed run recorded.
/// </summary>
/// <remarks>
/// The message is the service's own, in the official SDK's order (what the code asks for, then what was recorded); the
/// run fails with it (status 400) and is dead-lettered again.
/// </remarks>
internal sealed class IncompatibleStepException : Exception
{
    private IncompatibleStepException(string message)
        : base(message)
    {
    }

    /// <summary>The code asks for step <paramref name="inCode"/> where the run recorded <paramref name="recorded"/>.</summary>
    public static IncompatibleStepException Name(string inCode, string recorded) =>
        new($"Incompatible step name. Expected {inCode}, got {recorded}");

    /// <summary>The code's step is of another type than the recorded step of the same name.</summary>
    public static IncompatibleStepException Type(string inCode, string recorded) =>
        new($"Incompatible step type. Expected {inCode}, got {recorded}");
}

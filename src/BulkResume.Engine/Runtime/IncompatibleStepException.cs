namespace BulkResume.Engine.Runtime;

/// <summary>
/// The workflow's code no longer calls, before the point of failure, the steps the resumed run recorded. The message is
/// the service's own; the run fails with it (status 400) and is dead-lettered again.
/// </summary>
internal sealed class IncompatibleStepException(string expected, string got)
    : Exception($"Incompatible step name. Expected {expected}, got {got}");

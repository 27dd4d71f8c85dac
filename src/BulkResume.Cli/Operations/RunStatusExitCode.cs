namespace BulkResume.Cli.Operations;

/// <summary>The exit code of each <see cref="RunStatus"/>.</summary>
internal static class RunStatusExitCode
{
    public static int Of(RunStatus status) => status switch
    {
        RunStatus.Done => ExitCodes.Done,
        RunStatus.Failed => ExitCodes.Failed,
        _ => ExitCodes.PartiallyDone,
    };
}

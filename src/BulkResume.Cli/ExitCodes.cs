namespace BulkResume.Cli;

/// <summary>What the process exit code tells a script.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done (or, for a dry run, shown).</summary>
    public const int Done = 0;

    /// <summary>Nothing was done: the service failed, or the operator declined.</summary>
    public const int Failed = 1;

    /// <summary>The arguments are wrong or incomplete (including a missing --yes or token); nothing was sent that changes the DLQ.</summary>
    public const int BadArguments = CommandLineErrors.BadArguments;

    /// <summary>Some was done: interrupted, or later pages failed after earlier ones succeeded.</summary>
    /// <remarks>The output says how to continue.</remarks>
    public const int PartiallyDone = 3;

    /// <summary>
    /// A second Ctrl+C: the process ended at once, without waiting for the requests in flight, which the service may
    /// still apply (128 + SIGINT, as a shell reports a process ended by Ctrl+C).
    /// </summary>
    public const int QuitAtOnce = 130;
}

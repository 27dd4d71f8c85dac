namespace BulkResume.Cli.Operations;

/// <summary>The gate's answer: go ahead (with the number of entries when they were counted), or stop with an exit code.</summary>
internal readonly record struct BulkGateResult(int? ExitCode, long? Total)
{
    public static BulkGateResult Go(long? total) => new(null, total);

    public static BulkGateResult Stop(int exitCode) => new(exitCode, null);
}

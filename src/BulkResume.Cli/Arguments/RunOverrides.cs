namespace BulkResume.Cli.Arguments;

/// <summary>Turns <c>--retries</c>, <c>--flow-control</c>, <c>--page-size</c> and <c>--concurrency</c> (each already within its range) into the SDK's <see cref="ResumeOptions"/>.</summary>
internal static class RunOverrides
{
    /// <exception cref="UsageException">The flow-control spec is malformed; the message names the flag.</exception>
    public static ResumeOptions Build(int? retries, string? flowControl, int? pageSize, int? concurrency = null) => new()
    {
        Retries = retries,
        FlowControl = flowControl is null ? null : FlowControlSpec.Parse(flowControl),
        PageSize = pageSize,
        MaxConcurrency = concurrency,
    };
}

namespace BulkResume.Cli.Arguments;

/// <summary>Turns <c>--retries</c>, <c>--flow-control</c> and <c>--page-size</c> into the SDK's <see cref="ResumeOptions"/>.</summary>
internal static class RunOverrides
{
    /// <exception cref="UsageException">A value is out of range or malformed; the message names the flag.</exception>
    public static ResumeOptions Build(int? retries, string? flowControl, int? pageSize)
    {
        if (retries is < 0)
        {
            throw new UsageException("--retries", $"--retries {retries} is negative. Pass 0 or more retries for the resumed steps, or leave it out to keep each run's own.");
        }

        if (pageSize is < 1 or > ResumeOptions.MaxPageSize)
        {
            throw new UsageException("--page-size", $"--page-size {pageSize} is outside 1 to {ResumeOptions.MaxPageSize}, the most the service acts on per request.");
        }

        return new ResumeOptions
        {
            Retries = retries,
            FlowControl = flowControl is null ? null : FlowControlSpec.Parse(flowControl),
            PageSize = pageSize,
        };
    }
}

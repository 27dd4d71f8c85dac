using System.CommandLine;
using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Commands;

/// <summary>The flags of resume and restart only: overrides for the new runs, the page size and the cursor to continue from.</summary>
internal sealed class RunOverrideOptions
{
    public const string PageSizeFlag = "--page-size";
    public const string ResumeFromFlag = "--resume-from";

    private readonly Option<int?> _retries = WholeNumberOption.Optional(
        "--retries", "Retries for the new runs' steps (default: each run's own).", 0, int.MaxValue, "retries for the resumed steps; leave it out to keep each run's own");

    private readonly Option<string?> _flowControl = new(FlowControlSpec.Flag)
    {
        Description = "New flow control for the new runs: KEY:parallelism=2,rate=10,period=60s (parallelism, rate or both; period only with rate).",
        HelpName = "SPEC",
    };

    private readonly Option<int?> _pageSize = WholeNumberOption.Optional(
        PageSizeFlag,
        $"Entries per request, 1 to {ResumeOptions.MaxPageSize} (default: the service's, {ResumeOptions.MaxPageSize}).",
        1,
        ResumeOptions.MaxPageSize,
        "the most the service acts on per request");

    private readonly Option<string?> _resumeFrom = new(ResumeFromFlag) { Description = "Continue an interrupted run from the cursor it printed. Use the same filter flags.", HelpName = "CURSOR" };

    public void AddTo(Command command)
    {
        command.Options.Add(_retries);
        command.Options.Add(_flowControl);
        command.Options.Add(_pageSize);
        command.Options.Add(_resumeFrom);
    }

    /// <summary>The SDK's options for the new runs; what a flag leaves out keeps each run's own.</summary>
    /// <exception cref="UsageException">The flow-control spec is malformed; the message names the flag.</exception>
    public ResumeOptions ReadOptions(ParseResult parse, int? concurrency) => new()
    {
        Retries = parse.GetValue(_retries),
        FlowControl = parse.GetValue(_flowControl) is { } flowControl ? FlowControlSpec.Parse(flowControl) : null,
        PageSize = parse.GetValue(_pageSize),
        MaxConcurrency = concurrency,
    };

    /// <exception cref="UsageException">The cursor is blank, or given with <c>--concurrency</c> above 1, which pages without cursors.</exception>
    public string? ReadResumeFrom(ParseResult parse, int? concurrency) => parse.GetValue(_resumeFrom) switch
    {
        { } cursor when string.IsNullOrWhiteSpace(cursor) =>
            throw new UsageException(ResumeFromFlag, $"{ResumeFromFlag} is blank. Pass the cursor the interrupted run printed."),
        not null when concurrency is not null =>
            throw new UsageException(
                ResumeFromFlag,
                $"{ResumeFromFlag} can't be used with {ConcurrencyOption.Flag} above 1: a concurrent run pages several parts at once and no one cursor marks where it stands. "
                + $"Run the same command again without {ResumeFromFlag} (what was done has left the DLQ), or pass {ConcurrencyOption.Flag} 1 to continue from the cursor."),
        var cursor => cursor,
    };
}

using System.CommandLine;

namespace BulkResume.Cli.Commands;

/// <summary><c>--concurrency</c>: how many requests a bulk action keeps in flight (the SDK's <c>MaxConcurrency</c>).</summary>
internal sealed class ConcurrencyOption
{
    public const string Flag = "--concurrency";

    private readonly Option<int> _concurrency = WholeNumberOption.WithDefault(
        Flag,
        $"Requests in flight at once, 1 to {ResumeOptions.MaxConcurrencyLimit} (default 1: one page after another, with a cursor to continue from). "
        + "Above 1 the selection is split into disjoint parts drained side by side: pages finish in any order and there is no cursor. "
        + "To continue, run the same command again: what was done has left the DLQ.",
        1,
        1,
        ResumeOptions.MaxConcurrencyLimit,
        "requests in flight at once");

    public void AddTo(Command command) => command.Options.Add(_concurrency);

    /// <summary>The value, or null for one request at a time (the SDK's default).</summary>
    public int? Read(ParseResult parse) => parse.GetValue(_concurrency) is > 1 and var workers ? workers : null;
}

using System.CommandLine;
using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Commands;

/// <summary><c>--json</c> and <c>--limit</c>: how results are shown.</summary>
internal sealed class OutputOptions
{
    private readonly Option<bool> _json = new("--json") { Description = "Write one JSON document to stdout and nothing else (notices go to stderr)." };
    private readonly Option<int> _limit = new("--limit") { Description = "The most entries shown in a listing (all are counted).", DefaultValueFactory = _ => 100, HelpName = "N" };

    public void AddTo(Command command)
    {
        command.Options.Add(_json);
        command.Options.Add(_limit);
    }

    public bool IsJson(ParseResult parse) => parse.GetValue(_json);

    public int ReadLimit(ParseResult parse)
    {
        var limit = parse.GetValue(_limit);
        return limit >= 0 ? limit : throw new UsageException("--limit", $"--limit {limit} is negative. Pass how many entries to show, 0 or more.");
    }
}

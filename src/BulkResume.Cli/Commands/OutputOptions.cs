using System.CommandLine;

namespace BulkResume.Cli.Commands;

/// <summary><c>--json</c> and <c>--limit</c>: how results are shown.</summary>
internal sealed class OutputOptions
{
    private readonly JsonOption _json = new();
    private readonly Option<int> _limit = WholeNumberOption.WithDefault("--limit", "The most entries shown in a listing (all are counted).", 100, 0, int.MaxValue, "how many entries to show");

    public void AddTo(Command command)
    {
        _json.AddTo(command);
        command.Options.Add(_limit);
    }

    public bool IsJson(ParseResult parse) => _json.IsJson(parse);

    public int ReadLimit(ParseResult parse) => parse.GetValue(_limit);
}

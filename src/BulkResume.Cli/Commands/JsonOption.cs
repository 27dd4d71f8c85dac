using System.CommandLine;

namespace BulkResume.Cli.Commands;

/// <summary><c>--json</c>: one JSON document on stdout, notices on stderr.</summary>
/// <remarks>Every command has it.</remarks>
internal sealed class JsonOption
{
    private readonly Option<bool> _json = new("--json") { Description = "Write one JSON document to stdout and nothing else (notices go to stderr)." };

    public void AddTo(Command command) => command.Options.Add(_json);

    public bool IsJson(ParseResult parse) => parse.GetValue(_json);
}

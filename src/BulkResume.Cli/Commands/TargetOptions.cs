using System.CommandLine;
using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Commands;

/// <summary><c>--token</c>, <c>--url</c> and <c>--demo</c>: which DLQ every command acts on, given once on any command.</summary>
internal sealed class TargetOptions
{
    private readonly Option<string?> _token = new(TargetArguments.TokenFlag)
    {
        Description = "The service's token. Default: QSTASH_TOKEN (prefer it: a flag stays in the shell's history).",
        HelpName = "TOKEN",
        Recursive = true,
    };

    private readonly Option<string?> _url = new(TargetArguments.UrlFlag)
    {
        Description = $"The service's address, such as {WorkflowClientOptions.DefaultBaseUrl} or http://127.0.0.1:8080 (bulkresume-emulator). Default: QSTASH_URL, else {WorkflowClientOptions.DefaultBaseUrl}.",
        HelpName = "URL",
        Recursive = true,
    };

    private readonly Option<bool> _demo = new(TargetArguments.DemoFlag)
    {
        Description = "Act on an embedded demo DLQ in memory instead of a service: try every command without touching anything real.",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(_token);
        root.Options.Add(_url);
        root.Options.Add(_demo);
    }

    public TargetArguments Read(ParseResult parse) => new()
    {
        Token = parse.GetValue(_token),
        Url = parse.GetValue(_url),
        Demo = parse.GetValue(_demo),
    };
}

using System.CommandLine;
using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Commands;

/// <summary>The selection flags every command takes; values are checked by <see cref="FilterBuilder"/>.</summary>
internal sealed class FilterOptions
{
    private const string TimeHelp = "ISO 8601 (2025-07-18T09:00:00Z; UTC unless an offset is given) or relative (-30m, -2h, -1d)";

    private readonly Option<string?> _from = new("--from") { Description = $"Entries that failed at or after this time: {TimeHelp}.", HelpName = "TIME" };
    private readonly Option<string?> _to = new("--to") { Description = $"Entries that failed at or before this time: {TimeHelp}.", HelpName = "TIME" };
    private readonly Option<string[]> _urls = new("--workflow-url") { Description = "Workflow URL, exact match. Repeat for several (any matches).", HelpName = "URL" };
    private readonly Option<string?> _runId = new("--run-id") { Description = "Workflow run id, or a prefix of one.", HelpName = "ID" };
    private readonly Option<string?> _createdAt = new("--created-at") { Description = $"Runs created at exactly this time: {TimeHelp}.", HelpName = "TIME" };
    private readonly Option<string[]> _labels = new("--label") { Description = "Run label. Repeat for several (any matches).", HelpName = "LABEL" };
    private readonly Option<string[]> _flowControlKeys = new("--flow-control-key") { Description = "The runs' flow-control key. Repeat for several (any matches).", HelpName = "KEY" };
    private readonly Option<string[]> _callerIps = new("--caller-ip") { Description = "Address the run was triggered from. Repeat for several (any matches).", HelpName = "IP" };
    private readonly Option<string[]> _callbackStates = new("--callback-state") { Description = "Failure-callback state: in-progress, succeeded, failed or canceled. Repeatable.", HelpName = "STATE" };
    private readonly Option<string[]> _ids = new("--ids") { Description = "Exact DLQ ids, comma-separated (repeatable). Not combinable with other filters.", HelpName = "ID,ID" };
    private readonly Option<string?> _idsFile = new("--ids-file") { Description = "A file of DLQ ids, one per line (blank lines and # comments skipped).", HelpName = "PATH" };
    private readonly Option<bool> _all = new("--all") { Description = "Every entry in the DLQ. Bulk actions need this or a filter." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _from, _to, _urls, _runId, _createdAt, _labels, _flowControlKeys, _callerIps, _callbackStates, _ids, _idsFile, _all })
        {
            command.Options.Add(option);
        }
    }

    public FilterArguments Read(ParseResult parse) => new()
    {
        From = parse.GetValue(_from),
        To = parse.GetValue(_to),
        WorkflowUrls = parse.GetValue(_urls) ?? [],
        WorkflowRunId = parse.GetValue(_runId),
        CreatedAt = parse.GetValue(_createdAt),
        Labels = parse.GetValue(_labels) ?? [],
        FlowControlKeys = parse.GetValue(_flowControlKeys) ?? [],
        CallerIps = parse.GetValue(_callerIps) ?? [],
        CallbackStates = parse.GetValue(_callbackStates) ?? [],
        Ids = parse.GetValue(_ids) ?? [],
        IdsFile = parse.GetValue(_idsFile),
        All = parse.GetValue(_all),
    };
}

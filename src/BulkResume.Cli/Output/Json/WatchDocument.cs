using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Output.Json;

/// <summary>
/// The <c>--json</c> output of <c>resume</c>, <c>restart</c> and <c>delete</c> with <c>--async</c>, and of
/// <c>actions watch</c>: how watching ended, the action's id and its last status read (null when none was read, as
/// with <c>--detach</c>).
/// </summary>
/// <remarks>
/// <c>filter</c> is the selection's flags (null for <c>actions watch</c>, whose selection is <c>action.filter</c>);
/// <c>watchWith</c> is the command that watches the action again when it had not finished (null for the demo).
/// </remarks>
internal sealed record WatchDocument(
    string Target,
    string Command,
    string? Filter,
    WatchStatus Status,
    string ActionId,
    ActionDocument? Action,
    string? WatchWith,
    string? Error);

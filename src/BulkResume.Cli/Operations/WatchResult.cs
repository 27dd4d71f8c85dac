namespace BulkResume.Cli.Operations;

/// <summary>What watching a bulk action saw: how it ended, the action's id and its last status read (null when none was read).</summary>
internal sealed record WatchResult(WatchStatus Status, string ActionId, BulkAction? Action, string? Error = null);

namespace BulkResume.Cli.Operations;

/// <summary>The words for one bulk action, so that messages read right for resume, restart, delete and cancel alike.</summary>
internal sealed record BulkVerb(string Name, string Past, string Progressive)
{
    public static readonly BulkVerb Resume = new("resume", "resumed", "Resuming");

    public static readonly BulkVerb Restart = new("restart", "restarted", "Restarting");

    public static readonly BulkVerb Delete = new("delete", "deleted", "Deleting") { One = "entry", Many = "entries" };

    public static readonly BulkVerb Cancel = new("cancel", "cancelled", "Cancelling");

    /// <summary>What a bulk action of a kind this CLI does not know did, in the words of its count.</summary>
    private static readonly BulkVerb Unknown = new("process", "processed", "Processing") { One = "entry", Many = "entries" };

    /// <summary>What its count counts, one: the new runs of a resume, the entries of a delete.</summary>
    public string One { get; init; } = "run";

    /// <summary>What its count counts, several.</summary>
    public string Many { get; init; } = "runs";

    /// <summary>The words of a bulk action's kind; a kind the service added reads as "processed".</summary>
    public static BulkVerb Of(BulkActionKind kind) =>
        kind == BulkActionKind.Resume ? Resume
        : kind == BulkActionKind.Restart ? Restart
        : kind == BulkActionKind.Delete ? Delete
        : kind == BulkActionKind.Cancel ? Cancel
        : Unknown;
}

namespace BulkResume.Cli.Operations;

/// <summary>The words for one bulk action, so that messages read right for resume, restart and delete alike.</summary>
internal sealed record BulkVerb(string Name, string Past, string Progressive)
{
    public static readonly BulkVerb Resume = new("resume", "resumed", "Resuming");

    public static readonly BulkVerb Restart = new("restart", "restarted", "Restarting");

    public static readonly BulkVerb Delete = new("delete", "deleted", "Deleting");
}

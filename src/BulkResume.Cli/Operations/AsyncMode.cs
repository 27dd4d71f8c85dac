namespace BulkResume.Cli.Operations;

/// <summary>What a command that starts a bulk action (<c>--async</c>) does once the action exists.</summary>
internal enum AsyncMode
{
    /// <summary>Follow it with a progress bar until it finishes (or Ctrl+C).</summary>
    Watch,

    /// <summary>Print its id and the command that watches it, and return (<c>--detach</c>).</summary>
    Detach,
}

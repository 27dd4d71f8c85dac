namespace BulkResume;

/// <summary>
/// Reported through <see cref="ResumeOptions.OnUnknownOutcome"/> when an attempt of a page by criteria may have been
/// applied by the service before it failed (whether a later attempt then succeeded or the page failed): the runs that
/// attempt created, if any (at most <see cref="MaxRuns"/>), were resumed exactly once, but the client never saw them.
/// A page whose answer was lost twice is reported twice.
/// </summary>
public sealed class UnknownResumeOutcome
{
    internal UnknownResumeOutcome(string requestPath, string? cursor, int maxRuns)
    {
        RequestPath = requestPath;
        Cursor = cursor;
        MaxRuns = maxRuns;
    }

    /// <summary>The operation's path.</summary>
    public string RequestPath { get; }

    /// <summary>The cursor the page was requested at (null for the first page).</summary>
    public string? Cursor { get; }

    /// <summary>The most runs the lost attempt can have created: its page size.</summary>
    public int MaxRuns { get; }
}

namespace BulkResume;

/// <summary>An attempt of a page by criteria may have been applied, and its answer never reached the client.</summary>
/// <remarks>
/// Reported through <see cref="ResumeOptions.OnUnknownOutcome"/>, whether a later attempt then succeeded or the page
/// failed. What the lost attempt did (at most <see cref="MaxAffectedCount"/> entries, each acted on once) is done, but the
/// client never saw it: for a resume or a restart, the runs it created are not among the pages. A page whose answer
/// was lost twice is reported twice. Build one with <see cref="DlqModelFactory.UnknownPageOutcome"/> in a test.
/// </remarks>
public sealed class UnknownPageOutcome
{
    internal UnknownPageOutcome(string requestPath, string? cursor, int maxAffectedCount)
    {
        RequestPath = requestPath;
        Cursor = cursor;
        MaxAffectedCount = maxAffectedCount;
    }

    /// <summary>The operation's path.</summary>
    public string RequestPath { get; }

    /// <summary>The cursor the page was requested at (null for the first page).</summary>
    public string? Cursor { get; }

    /// <summary>The most entries the lost attempt can have acted on: its page size.</summary>
    /// <remarks>For a resume or a restart, the most runs it can have created.</remarks>
    public int MaxAffectedCount { get; }
}

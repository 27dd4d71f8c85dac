namespace BulkResume.Internal.Draining;

/// <summary>
/// What a concurrent drain by explicit ids throws when it stopped: with a request in doubt, one
/// <see cref="ResumeOutcomeUnknownException"/> that splits the whole list in three (done, in doubt, not done); otherwise
/// the first failure, as the sequential drain throws it.
/// </summary>
internal static class IdDrainFailure
{
    /// <param name="chunks">Every chunk of the list, in order; the drain has ended, so none is still in flight.</param>
    /// <param name="failures">The failures seen, the first first.</param>
    public static Exception Describe(IReadOnlyList<IdRangePart> chunks, IReadOnlyList<Exception> failures)
    {
        var unknown = failures.OfType<ResumeOutcomeUnknownException>().FirstOrDefault();
        if (unknown is null)
        {
            return failures[0];
        }

        var done = new List<string>();
        var inDoubt = new List<string>();
        var notDone = new List<string>();
        foreach (var chunk in chunks)
        {
            var list = chunk.Done ? done
                : chunk.Failure is ResumeOutcomeUnknownException ? inDoubt
                : notDone;
            list.AddRange(chunk.Ids);
        }

        return unknown.WithBulkProgress(inDoubt, done, notDone);
    }
}

namespace BulkResume.Cli.Arguments;

/// <summary>A filter and how to show it to the operator (explicit ids are listed, since a filter of ids has no query to show).</summary>
internal sealed record Selection(ResumeFilter Filter, string Description)
{
    private const int IdsShown = 5;

    public static Selection Of(ResumeFilter filter) => new(filter, filter.ToString());

    public static Selection OfIds(IReadOnlyList<string> ids) => new(
        ResumeFilter.ForDlqIds(ids),
        "dlqIds=" + string.Join(",", ids.Take(IdsShown)) + (ids.Count > IdsShown ? $" and {ids.Count - IdsShown} more" : string.Empty));
}

namespace BulkResume.Cli.Arguments;

/// <summary>A filter and how to show it to the operator: in the flags that made it, times in ISO 8601 with their offset.</summary>
/// <param name="Filter">The filter.</param>
/// <param name="Description">The flags that made it, times resolved.</param>
/// <param name="ResolvedTimes">
/// The time flags as resolved (<c>--from -2h</c> to its ISO 8601 time), so a command printed to continue selects
/// the same entries however much later it is run.
/// </param>
/// <param name="DlqIds">The ids given with <c>--ids</c> or <c>--ids-file</c>, or null for criteria.</param>
internal sealed record Selection(ResumeFilter Filter, string Description, IReadOnlyDictionary<string, string> ResolvedTimes, IReadOnlyList<string>? DlqIds = null)
{
    /// <summary>The description of <c>list</c> without a filter: not a flag, so sentences say it another way.</summary>
    public const string EveryEntry = "every entry";

    public Selection(ResumeFilter filter, string description)
        : this(filter, description, new Dictionary<string, string>())
    {
    }
}

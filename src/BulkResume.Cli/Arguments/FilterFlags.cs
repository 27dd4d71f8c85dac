namespace BulkResume.Cli.Arguments;

/// <summary>
/// The CLI's selection flags, one row per <see cref="ResumeFilter"/> criterion, in the order they are described: the
/// options of every command (<c>FilterOptions</c>), what they hold (<see cref="FilterArguments"/>) and how they make a
/// filter (<see cref="FilterBuilder"/>) follow from here.
/// </summary>
/// <remarks>A new criterion is a row here.</remarks>
internal static class FilterFlags
{
    // First: the rows below register here as they are initialised, in textual order.
    private static readonly List<FilterFlag> Rows = [];

    public static readonly FilterFlag From = Row(FilterFlag.Time("--from", "Entries that failed at or after this time", (filter, time) => filter.FailedAfter(time)));

    public static readonly FilterFlag To = Row(FilterFlag.Time("--to", "Entries that failed at or before this time", (filter, time) => filter.FailedBefore(time)));

    public static readonly FilterFlag WorkflowUrl = Row(FilterFlag.Text(
        "--workflow-url", "URL", "Workflow URL, exact match. Repeat for several (any matches).", repeatable: true, (filter, url) => filter.ForWorkflowUrl(url)));

    public static readonly FilterFlag RunId = Row(FilterFlag.Text(
        "--run-id", "ID", "Workflow run id, or a prefix of one: every run id starting with it matches.", repeatable: false, (filter, prefix) => filter.ForWorkflowRunIdPrefix(prefix)));

    public static readonly FilterFlag CreatedAt = Row(FilterFlag.Time("--created-at", "Runs created at exactly this time", (filter, time) => filter.CreatedAt(time)));

    public static readonly FilterFlag Label = Row(FilterFlag.Text(
        "--label", "LABEL", "Run label. Repeat for several (any matches).", repeatable: true, (filter, label) => filter.WithLabel(label)));

    public static readonly FilterFlag FlowControlKey = Row(FilterFlag.Text(
        "--flow-control-key", "KEY", "The runs' flow-control key. Repeat for several (any matches).", repeatable: true, (filter, key) => filter.WithFlowControlKey(key)));

    public static readonly FilterFlag CallerIp = Row(FilterFlag.Text(
        "--caller-ip", "IP", "Address the run was triggered from. Repeat for several (any matches).", repeatable: true, (filter, ip) => filter.FromCallerIp(ip)));

    public static readonly FilterFlag CallbackState = Row(FilterFlag.Text(
        CallbackStateName.Flag, "STATE", "Failure-callback state: in-progress, succeeded, failed or canceled. Repeatable.", repeatable: true,
        (filter, state) => filter.WithFailureCallbackState(CallbackStateName.Parse(state))));

    /// <summary>Every selection flag, in the order they are described.</summary>
    public static IReadOnlyList<FilterFlag> All => Rows;

    /// <summary>The flag named <paramref name="name"/>.</summary>
    public static FilterFlag Named(string name) => Rows.Single(flag => flag.Name == name);

    private static FilterFlag Row(FilterFlag flag)
    {
        Rows.Add(flag);
        return flag;
    }
}

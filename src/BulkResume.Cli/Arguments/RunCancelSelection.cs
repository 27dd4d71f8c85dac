namespace BulkResume.Cli.Arguments;

/// <summary>
/// What <c>runs cancel</c> cancels: one run, a list of run ids, or the runs in progress that filters select (a
/// <see cref="RunCancelFilter"/>), with the flags that made it as its description.
/// </summary>
/// <param name="RunIds">The run ids given (one, or a list); null for filters.</param>
/// <param name="Filter">The filter; null for ids.</param>
/// <param name="Description">The flags that made it, times resolved.</param>
/// <remarks>
/// The service matches a workflow URL as a prefix and cancels every run when given no filter, so the CLI, like the
/// SDK, matches <c>--workflow-url</c> exactly, sends a prefix only for <c>--workflow-url-prefix</c>, and refuses no
/// selection unless <c>--all</c>.
/// </remarks>
internal sealed record RunCancelSelection(IReadOnlyList<string>? RunIds, RunCancelFilter? Filter, string Description)
{
    public const string PrefixFlag = "--workflow-url-prefix";

    /// <summary>The criteria flags, in the order they are described: name, value's name, help, repeatable, and how a value narrows the filter.</summary>
    public static readonly IReadOnlyList<(string Flag, string HelpName, string Description, bool Repeatable, Func<RunCancelFilter, string, DateTimeOffset, RunCancelFilter> Apply)> Criteria =
    [
        ("--workflow-url", "URL", "Runs of this workflow URL, exact match. Repeat for several (any matches).", true, (filter, url, _) => filter.ForWorkflowUrl(url)),
        (PrefixFlag, "URL", "Runs of every workflow URL starting with this (the service's own match, asked for by name). Repeatable; not with --workflow-url.", true, (filter, prefix, _) => filter.ForWorkflowUrlPrefix(prefix)),
        ("--from", "TIME", $"Runs created at or after this time: {PointInTime.Help}.", false, (filter, text, now) => filter.CreatedAfter(PointInTime.Parse(text, now, "--from"))),
        ("--to", "TIME", $"Runs created at or before this time: {PointInTime.Help}.", false, (filter, text, now) => filter.CreatedBefore(PointInTime.Parse(text, now, "--to"))),
        ("--label", "LABEL", "Run label. Repeat for several (any matches).", true, (filter, label, _) => filter.WithLabel(label)),
        ("--flow-control-key", "KEY", "The runs' flow-control key. Repeat for several (any matches).", true, (filter, key, _) => filter.WithFlowControlKey(key)),
        ("--caller-ip", "IP", "Address the run was triggered from. Repeat for several (any matches).", true, (filter, ip, _) => filter.FromCallerIp(ip)),
    ];

    /// <exception cref="UsageException">No selection without <c>--all</c>, flags that don't go together, or a value the SDK refuses; the message names the flag.</exception>
    public static RunCancelSelection Build(RunCancelArguments arguments, DateTimeOffset now)
    {
        var criteria = arguments.Criteria.Select(criterion => criterion.Flag).Distinct().ToList();
        var ids = DlqIdList.Read(arguments.Ids, arguments.IdsFile, "run id");
        if (arguments.RunId is { } runId)
        {
            var others = (ids is null ? criteria : [arguments.IdsFile is null ? DlqIdList.IdsFlag : DlqIdList.IdsFileFlag, .. criteria]).Concat(arguments.All ? ["--all"] : []).ToList();
            return others.Count > 0
                ? throw new UsageException(others[0], $"A run id to cancel can't be combined with {string.Join(", ", others)}. Pass one run id, or a selection by flags.")
                : string.IsNullOrWhiteSpace(runId) ? throw new UsageException("RUN_ID", "The run id is blank. Pass the id of the run to cancel, such as wfr_...") : new RunCancelSelection([runId.Trim()], null, runId.Trim());
        }

        if (ids is not null)
        {
            var flag = arguments.IdsFile is null ? DlqIdList.IdsFlag : DlqIdList.IdsFileFlag;
            return criteria.Count > 0 || arguments.All
                ? throw new UsageException(flag, $"{flag} can't be combined with {string.Join(", ", arguments.All ? [.. criteria, "--all"] : criteria)}: the service ignores other filters when run ids are given. Pass either ids or filters.")
                : new RunCancelSelection(ids, null, arguments.IdsFile is { } file ? $"{flag} {file}" : $"{flag} {string.Join(",", ids.Take(3))}{(ids.Count > 3 ? $",... ({ids.Count} ids)" : string.Empty)}");
        }

        if (arguments.All)
        {
            return criteria.Count == 0
                ? new RunCancelSelection(null, RunCancelFilter.All(), "--all")
                : throw new UsageException("--all", $"--all can't be combined with {string.Join(", ", criteria)}. Drop --all to cancel what the filters select, or drop the filters to cancel every run in progress.");
        }

        if (criteria.Count == 0)
        {
            throw new UsageException(
                "--all",
                "runs cancel needs a selection, so that nothing is cancelled by accident (the service cancels every run when given no filter): pass a run id, --ids, a filter such as --workflow-url or --label, or --all to cancel every run in progress.");
        }

        var filter = RunCancelFilter.Create();
        var described = new List<string>();
        foreach (var (flag, value) in arguments.Criteria)
        {
            var row = Criteria.Single(criterion => criterion.Flag == flag);
            try
            {
                filter = row.Apply(filter, value, now);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(flag, $"{flag} '{value}': {e.Message.Split(" (Parameter", 2)[0]}");
            }
            catch (InvalidOperationException)
            {
                throw new UsageException(
                    PrefixFlag,
                    $"{PrefixFlag} can't be combined with --workflow-url: the service matches every URL of a request the same way, exactly or as a prefix. Cancel the two selections in two commands.");
            }

            described.Add($"{flag} {(row.HelpName == "TIME" ? CliText.Time(PointInTime.Parse(value, now, flag)) : value)}");
        }

        return new RunCancelSelection(null, filter, string.Join(" ", described));
    }
}

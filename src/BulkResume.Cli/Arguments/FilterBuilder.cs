using System.Text.RegularExpressions;

namespace BulkResume.Cli.Arguments;

/// <summary>Turns the selection flags into a <see cref="ResumeFilter"/>, refusing combinations the service would silently ignore.</summary>
internal static partial class FilterBuilder
{
    /// <summary>The subject of the SDK's refusals ("The label given to ResumeFilter.WithLabel "): the operator typed a flag, not a call.</summary>
    [GeneratedRegex(@"^The [^.]+? given to ResumeFilter\.\w+ ")]
    private static partial Regex SdkSubject();

    /// <summary>Builds the filter and its description.</summary>
    /// <param name="arguments">The flags.</param>
    /// <param name="now">What relative times count back from.</param>
    /// <param name="command">The command, for the message when a bulk action has no selection.</param>
    /// <param name="requireSelection">True for bulk actions: no filter and no <c>--all</c> is refused, as the SDK does.</param>
    /// <exception cref="UsageException">A value is wrong or the flags don't go together.</exception>
    public static Selection Build(FilterArguments arguments, DateTimeOffset now, string command, bool requireSelection)
    {
        var criteria = arguments.CriteriaFlags;
        var ids = DlqIdList.Read(arguments.Ids, arguments.IdsFile);
        if (ids is not null)
        {
            var idsFlag = arguments.IdsFile is null ? DlqIdList.IdsFlag : DlqIdList.IdsFileFlag;
            if (criteria.Count > 0 || arguments.All)
            {
                var others = string.Join(", ", arguments.All ? [.. criteria, "--all"] : criteria);
                throw new UsageException(idsFlag, $"{idsFlag} can't be combined with {others}: the service ignores other filters when ids are given. Pass either ids or filters.");
            }

            // The description repeats the flags so it can be pasted back: a file is named, not its ids.
            const int Shown = 3;
            var shown = string.Join(",", ids.Take(Shown));
            var description = arguments.IdsFile is { } file ? $"{idsFlag} {file}"
                : ids.Count <= Shown ? $"{idsFlag} {shown}" : $"{idsFlag} {shown},... ({ids.Count} ids)";
            return new Selection(ResumeFilter.ForDlqIds(ids), description, new Dictionary<string, string>(), ids);
        }

        if (arguments.All)
        {
            return criteria.Count == 0
                ? new Selection(ResumeFilter.All(), "--all")
                : throw new UsageException("--all", $"--all can't be combined with {string.Join(", ", criteria)}. Drop --all to act on what the filters select, or drop the filters to act on every entry.");
        }

        if (criteria.Count == 0)
        {
            return requireSelection
                ? throw new UsageException(
                    "--all",
                    $"{command} needs a selection, so that nothing is acted on by accident: pass a filter such as --workflow-url, --from or --ids, or --all to {command} every entry in the DLQ.")
                : new Selection(ResumeFilter.Create(), Selection.EveryEntry);
        }

        return Criteria(arguments, now);
    }

    private static Selection Criteria(FilterArguments arguments, DateTimeOffset now)
    {
        var times = arguments.Criteria.Where(criterion => criterion.Flag.IsTime)
            .ToDictionary(criterion => criterion.Flag, criterion => criterion.Flag.ReadTime(criterion.Value, now));
        if (times.TryGetValue(FilterFlags.From, out var from) && times.TryGetValue(FilterFlags.To, out var to) && from > to)
        {
            throw new UsageException(FilterFlags.From.Name, $"{FilterFlags.From.Name} ({CliText.Time(from)}) is later than {FilterFlags.To.Name} ({CliText.Time(to)}). Swap them or widen the range.");
        }

        var filter = ResumeFilter.Create();
        var described = new List<string>();
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (flag, value) in arguments.Criteria)
        {
            var shown = value;
            if (times.TryGetValue(flag, out var time))
            {
                shown = resolved[flag.Name] = CliText.Time(time);
                filter = Apply(flag.Name, shown, () => flag.Apply(filter, time));
            }
            else
            {
                filter = Apply(flag.Name, shown, () => flag.Apply(filter, value));
            }

            described.Add($"{flag.Name} {shown}");
        }

        return new Selection(filter, string.Join(" ", described), resolved);
    }

    /// <summary>
    /// Runs one SDK builder step, turning its refusal into a message that names the flag and shows the value: the SDK's
    /// reason is kept (the rule is written there once), its sentences that tell a caller which method to call are
    /// replaced by what to type.
    /// </summary>
    private static ResumeFilter Apply(string flag, string value, Func<ResumeFilter> step)
    {
        try
        {
            return step();
        }
        catch (ArgumentException e)
        {
            var reason = SdkSubject().Replace(e.Message.Split(" (Parameter", 2)[0], "it ");
            var sentences = reason.TrimEnd('.').Split(". ").Where(s => !s.Contains("ResumeFilter", StringComparison.Ordinal) && !s.StartsWith("Call ", StringComparison.Ordinal));
            var fix = !reason.Contains("has a comma", StringComparison.Ordinal) ? ""
                : flag == FilterFlags.WorkflowUrl.Name ? " Select its entries with other flags, or with --ids."
                : $" Pass {flag} once per value.";
            throw new UsageException(flag, $"{flag} '{value}': {string.Join(". ", sentences)}.{fix}");
        }
    }
}

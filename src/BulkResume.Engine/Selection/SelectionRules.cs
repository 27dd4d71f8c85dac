using System.Globalization;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Selection;

/// <summary>
/// The checks every operation applies to the entries it is asked about, however the selection was made (the query
/// string, or a .NET caller); each failure is a 400 (or 404) that changes nothing.
/// </summary>
internal static class SelectionRules
{
    /// <summary>
    /// No range is reversed, every value keeps its criterion's rule (not blank, no control character, which a SQL store
    /// can't even compare, an address where one is asked for), and an id selection has at most <paramref name="maxIds"/> ids.
    /// </summary>
    public static void Validate(DlqSelection selection, int maxIds)
    {
        ValidateValues(SelectionCriteria.Dlq, SelectionCriteria.Ranges, selection.ValuesOf);
        if (selection.IsByIds)
        {
            ValidateIds(selection.DlqIds, maxIds);
        }
    }

    /// <summary>The date range of a run-logs selection is not reversed, and every value keeps its criterion's rule.</summary>
    public static void Validate(RunSelection selection) =>
        ValidateValues(SelectionCriteria.Runs, SelectionCriteria.RunRanges, selection.ValuesOf);

    /// <summary>
    /// The rules of <see cref="Validate(RunSelection)"/>, and runs named exactly come alone: where the service would ignore
    /// the other filters, a cancel refuses the request as ambiguous, so that it never acts on runs the caller excluded.
    /// </summary>
    public static void ValidateCancel(RunSelection selection)
    {
        Validate(selection);
        if (SelectionCriteria.Runs.FirstOrDefault(criterion => criterion.SelectsAlone && selection.ValuesOf(criterion).Count > 0) is not { } alone)
        {
            return;
        }

        string[] others = SelectionCriteria.Runs
            .Where(criterion => !criterion.SelectsAlone && selection.ValuesOf(criterion).Count > 0)
            .Select(criterion => criterion.Name)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (others.Length > 0)
        {
            throw DlqEngineException.BadRequest(
                alone.Name,
                $"{alone.Name} names exact runs, so {string.Join(", ", others)} would be ignored; send either the ids or the filters. Nothing was changed.");
        }
    }

    private static void ValidateValues<TRecord>(
        IReadOnlyList<SelectionCriterion<TRecord>> table,
        IReadOnlyList<(SelectionCriterion<TRecord> From, SelectionCriterion<TRecord> To)> ranges,
        Func<SelectionCriterion<TRecord>, IReadOnlyList<object>> valuesOf)
    {
        foreach ((SelectionCriterion<TRecord> from, SelectionCriterion<TRecord> to) in ranges)
        {
            if (valuesOf(from) is [long start] && valuesOf(to) is [long end] && start > end)
            {
                throw Reversed(from.Name, to.Name, new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero));
            }
        }

        foreach (SelectionCriterion<TRecord> criterion in table)
        {
            foreach (object value in valuesOf(criterion))
            {
                criterion.Rule.Check(criterion.Name, value);
            }
        }
    }

    public static void ValidateIds(IReadOnlyList<string> dlqIds, int maxIds)
    {
        if (dlqIds.Count > maxIds)
        {
            throw DlqEngineException.BadRequest(
                "dlqIds",
                $"dlqIds has {dlqIds.Count} ids; at most {maxIds} can be given per request. Split the ids into requests of {maxIds}.");
        }

        CheckValues("dlqIds", dlqIds);
    }

    public static void ValidateId(string dlqId)
    {
        if (string.IsNullOrWhiteSpace(dlqId) || TextChecks.HasControlCharacter(dlqId))
        {
            throw DlqEngineException.BadRequest("dlqId", "dlqId is empty or holds a control character; give the id of a DLQ message (like 1752829295505-0).");
        }
    }

    private static DlqEngineException Reversed(string fromName, string toName, DateTimeOffset from, DateTimeOffset to) =>
        DlqEngineException.BadRequest(
            fromName,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{fromName} ({from.ToUnixTimeMilliseconds()}) is after {toName} ({to.ToUnixTimeMilliseconds()}); swap them or widen the range."));

    public static DlqEngineException NotFound(string dlqId) =>
        new(DlqErrorKind.NotFound, $"DLQ message {dlqId} was not found", "dlqId");

    /// <summary>Refuses a blank value, or one with a control character, of the selection's <paramref name="name"/>.</summary>
    public static void CheckValues(string name, IReadOnlyList<string> values)
    {
        foreach (string value in values)
        {
            CriterionValueRule.Text.Check(name, value);
        }
    }
}

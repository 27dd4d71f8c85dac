using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Paging;

/// <summary>
/// A stable hash of a selection's filters: the same filters in any order give the same fingerprint in every
/// process, so a cursor can prove which filter it belongs to.
/// </summary>
internal static class SelectionFingerprint
{
    public const int Length = 16;

    /// <summary>A selection is immutable once made, so its fingerprint is worked out once: a bulk call reads and writes a cursor.</summary>
    private static readonly ConditionalWeakTable<DlqSelection, byte[]> Computed = new();
    private static readonly ConditionalWeakTable<RunSelection, byte[]> ComputedRuns = new();

    public static byte[] Compute(DlqSelection selection) => Computed.GetValue(selection, Calculate);

    // v2: every criterion of the table by its name, with its values in the form the stores compare.
    private static byte[] Calculate(DlqSelection selection)
    {
        var canonical = new StringBuilder("v2");
        foreach (SelectionCriterion<DlqEntry> criterion in SelectionCriteria.Dlq)
        {
            AppendValues(canonical, criterion.Name, selection.ValuesOf(criterion).Select(value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!));
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))[..Length];
    }

    /// <summary>The fingerprint of a run-logs selection (a canonical form of its own, so it never equals a DLQ selection's).</summary>
    public static byte[] Compute(RunSelection selection) => ComputedRuns.GetValue(selection, CalculateRuns);

    private static byte[] CalculateRuns(RunSelection selection)
    {
        var canonical = new StringBuilder("runs-v2");
        AppendValues(canonical, "workflowRuns", selection.Runs.Select(run => run.WorkflowRunId + "@" + run.CreatedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        AppendValues(canonical, "workflowRunId", selection.WorkflowRunId is { } runId ? [runId] : []);
        AppendValues(canonical, "workflowUrl", selection.WorkflowUrl is { } url ? [url] : []);
        AppendDate(canonical, "workflowCreatedAt", selection.WorkflowCreatedAt);
        AppendValues(canonical, "state", selection.State is { } state ? [((int)state).ToString(System.Globalization.CultureInfo.InvariantCulture)] : []);
        AppendDate(canonical, "fromDate", selection.FromDate);
        AppendDate(canonical, "toDate", selection.ToDate);
        AppendValues(canonical, "label", selection.Labels);
        AppendValues(canonical, "flowControlKey", selection.FlowControlKey is { } key ? [key] : []);
        AppendValues(canonical, "callerIp", selection.CallerIp is { } ip ? [ip] : []);
        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))[..Length];
    }

    private static void AppendDate(StringBuilder canonical, string name, DateTimeOffset? value) =>
        AppendValues(canonical, name, value is { } date ? [date.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)] : []);

    // Each value is length-prefixed so that no two different filters serialize alike.
    private static void AppendValues(StringBuilder canonical, string name, IEnumerable<string> values)
    {
        canonical.Append('|').Append(name);
        foreach (string value in values.Order(StringComparer.Ordinal))
        {
            canonical.Append(':').Append(value.Length).Append('=').Append(value);
        }
    }
}

using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Paging;

/// <summary>
/// A stable hash of a selection's filters: the same filters in any order give the same fingerprint in every
/// process, so a cursor can prove which filter it belongs to, and a bulk action knows an identical request.
/// </summary>
internal static class SelectionFingerprint
{
    public const int Length = 16;

    /// <summary>A selection is immutable once made, so its fingerprint is worked out once: a bulk call reads and writes a cursor.</summary>
    private static readonly ConditionalWeakTable<DlqSelection, byte[]> Computed = new();
    private static readonly ConditionalWeakTable<RunSelection, byte[]> ComputedRuns = new();

    public static byte[] Compute(DlqSelection selection) => Computed.GetValue(selection, static made => Calculate("v2", SelectionCriteria.Dlq, made.ValuesOf));

    /// <summary>The fingerprint of a run-logs selection (a canonical form of its own, so it never equals a DLQ selection's).</summary>
    public static byte[] Compute(RunSelection selection) => ComputedRuns.GetValue(selection, static made => Calculate("runs-v3", SelectionCriteria.Runs, made.ValuesOf));

    // Every criterion of the table by its name, with its values in the form the stores compare (v2 of the DLQ's, v3 of the run logs').
    private static byte[] Calculate<TRecord>(string version, IReadOnlyList<SelectionCriterion<TRecord>> table, Func<SelectionCriterion<TRecord>, IReadOnlyList<object>> valuesOf)
    {
        var canonical = new StringBuilder(version);
        foreach (SelectionCriterion<TRecord> criterion in table)
        {
            AppendValues(canonical, criterion.Name, valuesOf(criterion).Select(value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!));
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))[..Length];
    }

    // Each value is length-prefixed so that no two different filters serialize alike; a criterion's values are a set (they
    // are OR-ed), so neither their order nor a repeat changes the selection, nor its fingerprint.
    private static void AppendValues(StringBuilder canonical, string name, IEnumerable<string> values)
    {
        canonical.Append('|').Append(name);
        foreach (string value in values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            canonical.Append(':').Append(value.Length).Append('=').Append(value);
        }
    }
}

using System.Collections.Immutable;
using System.Globalization;

namespace BulkResume.Internal.Validation;

/// <summary>The run ids a cancel names: each sendable, none twice, at least one; refused before anything is sent.</summary>
internal static class RunIdList
{
    /// <summary>What to pass, for messages.</summary>
    public const string Expected = "a run's full id, as ResumedRun.WorkflowRunId or WorkflowRun.WorkflowRunId gives it";

    /// <summary>The ids, in order, once each has passed.</summary>
    /// <param name="workflowRunIds">The ids as the caller gave them.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <exception cref="ArgumentException">The list is empty, or an id is blank, has a comma or a control character, or is named twice.</exception>
    /// <remarks>
    /// The ids go out as repeated <c>workflowRunIds</c>, which the service splits on commas. An id named twice is refused
    /// rather than sent once: a list that repeats an id was most likely built wrong, and the service's id lists refuse
    /// one (400), which it could only do for a repeat within one request, after earlier requests were applied.
    /// </remarks>
    public static ImmutableArray<string> From(IEnumerable<string> workflowRunIds, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(workflowRunIds, parameterName);
        var ids = ImmutableArray.CreateBuilder<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in workflowRunIds)
        {
            var index = ids.Count;
            WireText.EnsureListValue(id, parameterName, $"The run id at index {index}", Expected, "A run id has none: pass each id as its own item, never several joined.");
            if (!seen.TryAdd(id, index))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The run id at index {index} ({id}) is the one at index {seen[id]} again. Name each run once."),
                    parameterName);
            }

            ids.Add(id);
        }

        if (ids.Count == 0)
        {
            throw new ArgumentException("The list of run ids is empty. Pass at least one id, or cancel runs by criteria with RunsClient.BulkCancelAsync(RunCancelFilter).", parameterName);
        }

        return ids.ToImmutable();
    }
}

using BulkResume.Engine.Model;

namespace BulkResume.Engine.Runtime;

/// <summary>What a run was started with: its payload, and what its DLQ entry carries over if it fails.</summary>
internal sealed record RunInput(
    string? Payload,
    IReadOnlyList<string> Labels,
    string? CallerIp,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Header)
{
    /// <summary>The input of a run resumed or restarted from <paramref name="entry"/>: the original message's.</summary>
    public static RunInput Of(DlqEntry entry) => new(entry.Body, entry.Labels, entry.CallerIp, entry.Header);

    /// <summary>The input of a triggered run.</summary>
    public static RunInput Of(string? payload, WorkflowTriggerOptions options) =>
        new(payload, options.Labels, CallerIp: null, EmptyCollections.Headers);
}

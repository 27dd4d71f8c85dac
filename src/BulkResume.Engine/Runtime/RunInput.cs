using BulkResume.Engine.Model;

namespace BulkResume.Engine.Runtime;

/// <summary>What a run was started with that its run record does not hold: the payload and the original message's headers.</summary>
internal sealed record RunInput(string? Payload, IReadOnlyDictionary<string, IReadOnlyList<string>> Header)
{
    /// <summary>The input of a run resumed or restarted from <paramref name="entry"/>: the original message's.</summary>
    public static RunInput Of(DlqEntry entry) => new(entry.Body, entry.Header);

    /// <summary>The input of a triggered run.</summary>
    public static RunInput Of(string? payload) => new(payload, EmptyCollections.Headers);
}

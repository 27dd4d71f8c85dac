using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>What a take by ids did: the entries taken, in the order their ids were given, and the ids not in the DLQ (with all-or-nothing, nothing was taken when there are any).</summary>
internal sealed record DlqTakeResult(IReadOnlyList<TakenEntry> Taken, IReadOnlyList<string> Missing);

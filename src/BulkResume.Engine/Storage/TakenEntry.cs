using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>An entry a take removed from the DLQ, and the run stored in its place (<see langword="null"/> when it was only removed).</summary>
internal sealed record TakenEntry(DlqEntry Entry, RunRecord? Run);

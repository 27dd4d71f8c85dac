using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>An entry <see cref="IDlqStore.TakeAsync"/> removed from the DLQ, and the run stored in its place.</summary>
/// <param name="Entry">The entry as it was in the DLQ.</param>
/// <param name="Run">The run stored in its place, or <see langword="null"/> when it was only removed.</param>
public sealed record TakenEntry(DlqEntry Entry, WorkflowRun? Run);

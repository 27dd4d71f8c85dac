namespace BulkResume.Engine.Storage;

/// <summary>A capability of some stores: forget every entry and run at once.</summary>
/// <remarks>
/// Callers check for it (<c>store is IResettableDlqStore</c>) rather than for a store type; the emulator's
/// <c>/_emulator/reset</c> uses it.
/// </remarks>
public interface IResettableDlqStore
{
    /// <summary>Removes every DLQ entry and every run.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the store is empty.</returns>
    ValueTask ResetAsync(CancellationToken cancellationToken = default);
}

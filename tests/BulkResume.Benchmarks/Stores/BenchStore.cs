using BulkResume.Engine.Storage;

namespace BulkResume.Benchmarks.Stores;

/// <summary>
/// A store made for one measurement, what brings it to a steady state after changes (PostgreSQL: <c>VACUUM</c>, so
/// that index scans do not wade through dead row versions, and after a bulk load <c>ANALYZE</c> too, so the planner
/// has statistics), and what removes it afterwards (a file, a PostgreSQL schema).
/// </summary>
/// <param name="store">The store.</param>
/// <param name="settle">Brings the store to a steady state; given whether its statistics are to be gathered again.</param>
/// <param name="remove">Removes the store.</param>
internal sealed class BenchStore(IDlqStore store, Func<bool, Task> settle, Func<Task> remove) : IAsyncDisposable
{
    public IDlqStore Store { get; } = store;

    /// <summary>After a bulk load: dead row versions removed and statistics gathered.</summary>
    public Task SettleAsync() => settle(true);

    /// <summary>
    /// After a few entries were taken and the same entries put back: dead row versions removed. The statistics of the
    /// bulk load still describe the same rows, and gathering them again reads the whole table each time.
    /// </summary>
    public Task RemoveDeadRowsAsync() => settle(false);

    public async ValueTask DisposeAsync()
    {
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        await remove();
    }
}

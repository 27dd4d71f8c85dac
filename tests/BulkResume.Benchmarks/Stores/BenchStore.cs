using BulkResume.Engine.Storage;

namespace BulkResume.Benchmarks.Stores;

/// <summary>
/// A store made for one measurement, what brings it to a steady state after bulk changes (PostgreSQL: <c>VACUUM
/// ANALYZE</c>, so the planner has statistics and index scans do not wade through dead row versions), and what removes
/// it afterwards (a file, a PostgreSQL schema).
/// </summary>
internal sealed class BenchStore(IDlqStore store, Func<Task> settle, Func<Task> remove) : IAsyncDisposable
{
    public IDlqStore Store { get; } = store;

    public Task SettleAsync() => settle();

    public async ValueTask DisposeAsync()
    {
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        await remove();
    }
}

using BulkResume.Benchmarks.Data;
using BulkResume.Benchmarks.Stores;
using BulkResume.Engine;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Storage;

namespace BulkResume.Benchmarks.Paging;

/// <summary>
/// One store seeded once with a two-URL DLQ of a given size, and the selection of <see cref="BenchData.MiddleOfOrders"/>:
/// a sample resumes the selection's first <see cref="Pages"/> pages, and the entries they took are put back after it,
/// outside what is timed, so that every sample does the same work at the same position. <see cref="ListPagesAsync"/>
/// reads the same pages without taking them.
/// </summary>
internal sealed class PageCostCase : IAsyncDisposable
{
    public const int Pages = 4;
    public const int Entries = Pages * BenchData.PageSize;

    private readonly BenchStore _store;
    private readonly DlqEngine _engine;
    private readonly DlqSelection _selection;
    private IReadOnlyList<DlqEntry> _toTake = [];

    private PageCostCase(BenchStore store, DlqSelection selection)
    {
        _store = store;
        _engine = new DlqEngine(store.Store);
        _selection = selection;
    }

    public static async Task<PageCostCase> CreateAsync(string kind, int dlqSize)
    {
        BenchStore store = await BenchStores.CreateAsync(kind, "pagecost_" + dlqSize);
        await BenchData.SeedAsync(store.Store, dlqSize, (from, count) => BenchData.Mixed(from, count));
        await store.SettleAsync();
        return new PageCostCase(store, BenchData.MiddleOfOrders(dlqSize));
    }

    /// <summary>Notes the entries the next <see cref="ResumePagesAsync"/> will take, to put them back after it.</summary>
    public async Task NoteWhatWillBeTakenAsync() =>
        _toTake = await _store.Store.QueryAsync(new DlqQuery(_selection, after: null, Entries));

    /// <summary>Resumes the selection's first <see cref="Pages"/> pages; returns the entries resumed.</summary>
    public Task<int> ResumePagesAsync() => EngineDrain.ResumeAsync(_engine, _selection, Pages);

    /// <summary>Lists the selection's first <see cref="Pages"/> pages; returns the entries listed.</summary>
    public async Task<int> ListPagesAsync()
    {
        int listed = 0;
        string? cursor = null;
        for (int page = 0; page < Pages; page++)
        {
            DlqEntryPage result = await _engine.ListAsync(_selection, cursor, BenchData.PageSize);
            listed += result.Entries.Count;
            cursor = result.Cursor;
        }

        return listed;
    }

    /// <summary>Puts back what <see cref="ResumePagesAsync"/> took and removes the dead row versions that leaves.</summary>
    public async Task PutBackAsync()
    {
        await new DlqStoreWrites(_store.Store).AddAsync(_toTake);
        await _store.RemoveDeadRowsAsync();
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}

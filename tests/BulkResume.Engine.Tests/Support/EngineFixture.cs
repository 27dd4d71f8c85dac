using BulkResume.Engine.Storage;
using Microsoft.Extensions.Time.Testing;

namespace BulkResume.Engine.Tests.Support;

/// <summary>An engine over a fresh in-memory store with a fake clock and sequential ids.</summary>
internal sealed class EngineFixture
{
    public EngineFixture(IDlqStore? store = null)
    {
        Store = store ?? new InMemoryDlqStore();
        Engine = new DlqEngine(Store, new DlqEngineOptions { TimeProvider = Clock, IdGenerator = new SequentialIdGenerator() });
    }

    public FakeTimeProvider Clock { get; } = new(Seed.T0.AddDays(1));

    public IDlqStore Store { get; }

    public DlqEngine Engine { get; }

    public async Task<long> DlqCountAsync() => (await Store.GetStatisticsAsync()).DlqEntryCount;
}

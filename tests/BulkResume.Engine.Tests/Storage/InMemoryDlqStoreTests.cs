using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Tests.Storage;

public sealed class InMemoryDlqStoreTests : DlqStoreConformanceTests
{
    protected override IDlqStore CreateStore() => new InMemoryDlqStore();
}

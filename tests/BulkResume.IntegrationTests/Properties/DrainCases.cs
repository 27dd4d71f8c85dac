using FsCheck;
using FsCheck.Fluent;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>The FsCheck generator of <see cref="DrainCase"/>s: moderate sizes, so that a run of many cases takes seconds.</summary>
public static class DrainCases
{
    public static Arbitrary<DrainCase> Cases() => Arb.From(
        from shape in Gen.Elements(DlqShape.Uniform, DlqShape.LastMinute, DlqShape.HotMillisecond, DlqShape.Empty)
        from size in Gen.Choose(1, 400)
        from selection in Gen.Elements(SelectionKind.All, SelectionKind.OneWorkflow, SelectionKind.TimeRange, SelectionKind.Ids)
        from concurrency in Gen.Frequency((1, Gen.Constant(1)), (5, Gen.Choose(2, 16)))
        from pageSize in Gen.Elements<int?>(null, 7, 20, 50)
        from store in Gen.Frequency((3, Gen.Constant(StoreKind.Memory)), (1, Gen.Constant(StoreKind.Sqlite)))
        from fault in Gen.Elements(FaultKind.None, FaultKind.ApplyThenFail, FaultKind.BurstLimit, FaultKind.Latency, FaultKind.DropNext)
        from seed in Gen.Choose(0, int.MaxValue)
        select new DrainCase(shape, shape == DlqShape.Empty ? 0 : size, selection, concurrency, pageSize, store, fault, seed));
}

using FsCheck;
using FsCheck.Fluent;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>The FsCheck generator of <see cref="DrainCase"/>s: moderate sizes, so that a run of many cases takes seconds.</summary>
public static class DrainCases
{
    /// <summary>The DLQ shapes every generated drain draws from (the clock-skew suite's too).</summary>
    internal static readonly Gen<DlqShape> Shapes = Gen.Elements(DlqShape.Uniform, DlqShape.LastMinute, DlqShape.HotMillisecond, DlqShape.Empty);

    /// <summary>DLQ sizes: up to eight pages of 50, so that a run of many cases takes seconds.</summary>
    internal static readonly Gen<int> Sizes = Gen.Choose(1, 400);

    /// <summary>The service's default, a page size that divides nothing evenly, and two more.</summary>
    internal static readonly Gen<int?> PageSizes = Gen.Elements<int?>(null, 7, 20, 50);

    /// <summary>Mostly the quick in-memory store, SQLite one time in four.</summary>
    internal static readonly Gen<StoreKind> Stores = Gen.Frequency((3, Gen.Constant(StoreKind.Memory)), (1, Gen.Constant(StoreKind.Sqlite)));

    public static Arbitrary<DrainCase> Cases() => Arb.From(
        from shape in Shapes
        from size in Sizes
        from selection in Gen.Elements(SelectionKind.All, SelectionKind.OneWorkflow, SelectionKind.TimeRange, SelectionKind.Ids)
        from concurrency in Gen.Frequency((1, Gen.Constant(1)), (5, Gen.Choose(2, 16)))
        from pageSize in PageSizes
        from store in Stores
        from fault in Gen.Elements(FaultKind.None, FaultKind.ApplyThenFail, FaultKind.BurstLimit, FaultKind.Latency, FaultKind.DropNext)
        from seed in Gen.Choose(0, int.MaxValue)
        select new DrainCase(shape, shape == DlqShape.Empty ? 0 : size, selection, concurrency, pageSize, store, fault, seed));
}

using FsCheck;
using FsCheck.Fluent;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>The FsCheck generator of <see cref="SkewedDrainCase"/>s: the DLQs of <see cref="DrainCases"/>, with two clocks and runs failing during the drain.</summary>
public static class SkewedDrainCases
{
    public static Arbitrary<SkewedDrainCase> Cases() => Arb.From(
        from shape in DrainCases.Shapes
        from size in DrainCases.Sizes
        from selection in Gen.Elements(
            SelectionKind.All,
            SelectionKind.OneWorkflow,
            SelectionKind.TimeRange,
            SelectionKind.Ids,
            SelectionKind.FailedAfterNearNow,
            SelectionKind.FailedBeforeNearNow,
            SelectionKind.FromAnEntryToNearNow)
        from concurrency in Gen.Choose(2, 16)
        from pageSize in DrainCases.PageSizes
        from store in DrainCases.Stores

        // No skew, under the Date header's resolution of a second, and anything up to two minutes either way.
        from skew in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(-1_500, 1_500)), (6, Gen.Choose(-120_000, 120_000)))

        // Sometimes none, often more than a page, so that they take requests of their own.
        from failures in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 120)))
        from date in Gen.Elements(ServiceDate.Sent, ServiceDate.Stripped)
        from seed in Gen.Choose(0, int.MaxValue)
        select new SkewedDrainCase(shape, shape == DlqShape.Empty ? 0 : size, selection, concurrency, pageSize, store, skew, failures, date, seed));
}

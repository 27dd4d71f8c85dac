using System.Globalization;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>
/// One generated drain whose client and service clocks differ: the client's clock reads the service's minus
/// <see cref="SkewMs"/> (positive: the service is ahead), and <see cref="FailuresDuringDrain"/> runs fail, on the
/// service's clock, when the drain's first bulk request reaches it. Its text alone (printed by FsCheck with a failing
/// case) reproduces it, its random data included.
/// </summary>
public sealed record SkewedDrainCase(
    DlqShape Shape,
    int Size,
    SelectionKind Selection,
    int Concurrency,
    int? PageSize,
    StoreKind Store,
    int SkewMs,
    int FailuresDuringDrain,
    ServiceDate Date,
    int Seed)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"new SkewedDrainCase(DlqShape.{Shape}, {Size}, SelectionKind.{Selection}, Concurrency: {Concurrency}, PageSize: {PageSize?.ToString(CultureInfo.InvariantCulture) ?? "null"}, StoreKind.{Store}, SkewMs: {SkewMs}, FailuresDuringDrain: {FailuresDuringDrain}, ServiceDate.{Date}, Seed: {Seed})");
}

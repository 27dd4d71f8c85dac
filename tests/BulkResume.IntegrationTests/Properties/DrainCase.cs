using System.Globalization;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>
/// One generated drain: everything about it, including the seed of its random data, so that its text alone (printed
/// by FsCheck with the failing case) reproduces it.
/// </summary>
public sealed record DrainCase(DlqShape Shape, int Size, SelectionKind Selection, int Concurrency, int? PageSize, StoreKind Store, FaultKind Fault, int Seed)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"new DrainCase(DlqShape.{Shape}, {Size}, SelectionKind.{Selection}, Concurrency: {Concurrency}, PageSize: {PageSize?.ToString(CultureInfo.InvariantCulture) ?? "null"}, StoreKind.{Store}, FaultKind.{Fault}, Seed: {Seed})");
}

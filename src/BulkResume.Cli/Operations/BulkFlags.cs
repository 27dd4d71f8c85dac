namespace BulkResume.Cli.Operations;

/// <summary>How carefully a bulk action goes ahead: preview only, confirmed up front, or asked above a threshold.</summary>
internal sealed record BulkFlags(bool DryRun, bool Yes, long ConfirmAbove, int PreviewLimit);

namespace BulkResume.Emulator.Admin.Wire;

/// <summary>
/// <c>POST /_emulator/seed</c>: either the short form (<c>count</c> failed runs of one workflow, all but <c>count</c>
/// optional) or the full-fidelity form (<c>entries</c>, each a DLQ message with its steps).
/// </summary>
internal sealed class SeedRequestBody
{
    public int? Count { get; set; }

    public string? WorkflowUrl { get; set; }

    public long? FailedAt { get; set; }

    public List<string>? Labels { get; set; }

    public string? FlowControlKey { get; set; }

    public int? CompletedSteps { get; set; }

    public List<SeedEntryBody>? Entries { get; set; }
}

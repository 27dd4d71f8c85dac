using System.Text.Json.Serialization;

namespace BulkResume.Emulator.Admin.Wire;

/// <summary>One DLQ entry of the full-fidelity seed form, with the field names of the API's DLQ message.</summary>
internal sealed class SeedEntryBody
{
    public string? DlqId { get; set; }

    public string? WorkflowRunId { get; set; }

    public string? WorkflowUrl { get; set; }

    public long? WorkflowCreatedAt { get; set; }

    public long? CreatedAt { get; set; }

    public string? Url { get; set; }

    public string? Method { get; set; }

    public Dictionary<string, List<string>>? Header { get; set; }

    public string? Body { get; set; }

    public int? MaxRetries { get; set; }

    [JsonPropertyName("callerIP")]
    public string? CallerIp { get; set; }

    public List<string>? Labels { get; set; }

    public string? FlowControlKey { get; set; }

    public int? Parallelism { get; set; }

    public int? Rate { get; set; }

    public long? Period { get; set; }

    public int? ResponseStatus { get; set; }

    public string? ResponseBody { get; set; }

    public string? FailureCallback { get; set; }

    public string? FailureCallbackState { get; set; }

    public List<SeedStepBody>? Steps { get; set; }
}

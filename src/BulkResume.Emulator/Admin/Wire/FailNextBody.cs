namespace BulkResume.Emulator.Admin.Wire;

/// <summary>Fail the next <c>count</c> API requests with <c>status</c> (and <c>headers</c>, <c>message</c>) without applying them.</summary>
internal sealed class FailNextBody
{
    public int Count { get; set; } = 1;

    public int Status { get; set; } = 503;

    public Dictionary<string, string>? Headers { get; set; }

    public string? Message { get; set; }
}

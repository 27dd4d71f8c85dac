namespace BulkResume.Emulator.Admin.Wire;

/// <summary><c>POST /_emulator/faults</c>: every member optional; <c>reset</c> first clears what was set before.</summary>
internal sealed class FaultsRequestBody
{
    public bool? Reset { get; set; }

    public FailNextBody? FailNext { get; set; }

    public int? DropNext { get; set; }

    public int? LatencyMs { get; set; }

    public ApplyThenFailBody? ApplyThenFail { get; set; }

    public int? BurstLimit { get; set; }

    public int? ClockOffsetMs { get; set; }

    public bool? HoldBulkActions { get; set; }
}

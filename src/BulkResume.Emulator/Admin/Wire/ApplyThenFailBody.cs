namespace BulkResume.Emulator.Admin.Wire;

/// <summary>
/// Apply and then fail: the next <c>count</c> requests, or each request with <c>probability</c> (seeded by <c>seed</c>);
/// <c>mode</c> is <c>serverError</c> (a 500) or <c>connectionDrop</c>.
/// </summary>
internal sealed class ApplyThenFailBody
{
    public int? Count { get; set; }

    public double? Probability { get; set; }

    public int Seed { get; set; }

    public string? Mode { get; set; }
}

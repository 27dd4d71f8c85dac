using System.Globalization;
using System.Security.Cryptography;

namespace BulkResume.Engine.Ids;

/// <summary>
/// Ids shaped like the service's: DLQ ids <c>&lt;unix ms&gt;-&lt;sequence&gt;</c> (like <c>1752829295505-0</c>; the sequence
/// counts every id this generator made, so ids stay unique whatever order the times come in) and run ids <c>wfr_</c> + 24 random base32 characters.
/// </summary>
public sealed class DefaultDlqIdGenerator : IDlqIdGenerator
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";
    private const int RandomLength = 24;

    private long _sequence = -1;

    /// <summary>One generator shared by everything that does not bring its own.</summary>
    public static DefaultDlqIdGenerator Shared { get; } = new();

    /// <inheritdoc/>
    public string NewDlqId(DateTimeOffset deadLetteredAt)
    {
        long sequence = Interlocked.Increment(ref _sequence);
        return string.Create(CultureInfo.InvariantCulture, $"{deadLetteredAt.ToUnixTimeMilliseconds()}-{sequence}");
    }

    /// <inheritdoc/>
    public string NewWorkflowRunId() => "wfr_" + RandomNumberGenerator.GetString(Base32, RandomLength);
}

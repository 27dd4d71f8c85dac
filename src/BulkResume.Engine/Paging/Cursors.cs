using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Paging;

/// <summary>
/// The opaque cursor of DLQ listings and bulk calls, in a <see cref="CursorEnvelope"/> of kind 1: the keyset position
/// (UTC ticks as int64 big-endian, then the DLQ id as a length-prefixed UTF-8 string) and the selection fingerprint
/// (16 bytes), so a cursor only continues the selection it came from.
/// </summary>
internal static class DlqCursor
{
    public const string InvalidMessage =
        "cursor is not valid for this filter; start without a cursor or reuse the filter it came from";

    private const byte Kind = 1;
    private const int FixedLength = sizeof(long) + sizeof(ushort) + SelectionFingerprint.Length;

    public static string Encode(DlqKey position, DlqSelection selection)
    {
        byte[] id = Encoding.UTF8.GetBytes(position.DlqId);
        var payload = new byte[FixedLength + id.Length];
        Span<byte> span = payload;
        BinaryPrimitives.WriteInt64BigEndian(span, position.CreatedAt.UtcTicks);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], checked((ushort)id.Length));
        id.CopyTo(span[10..]);
        SelectionFingerprint.Compute(selection).CopyTo(span[(10 + id.Length)..]);
        return CursorEnvelope.Seal(Kind, payload);
    }

    /// <summary>Reads a cursor made for <paramref name="selection"/>; anything else is a 400 naming <c>cursor</c>.</summary>
    public static DlqKey Decode(string cursor, DlqSelection selection)
    {
        byte[]? payload = CursorEnvelope.Open(Kind, cursor);
        if (payload is null || payload.Length < FixedLength)
        {
            throw Invalid();
        }

        ReadOnlySpan<byte> span = payload;
        int idLength = BinaryPrimitives.ReadUInt16BigEndian(span[8..]);
        long ticks = BinaryPrimitives.ReadInt64BigEndian(span);
        if (FixedLength + idLength != payload.Length
            || !span.Slice(10 + idLength, SelectionFingerprint.Length).SequenceEqual(SelectionFingerprint.Compute(selection))
            || ticks < DateTimeOffset.MinValue.UtcTicks
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || CursorEnvelope.ReadId(span.Slice(10, idLength)) is not { } id)
        {
            throw Invalid();
        }

        return new DlqKey(new DateTimeOffset(ticks, TimeSpan.Zero), id);
    }

    private static DlqEngineException Invalid() => DlqEngineException.BadRequest("cursor", InvalidMessage);
}

/// <summary>
/// The opaque cursor of run logs, in a <see cref="CursorEnvelope"/> of kind 2: the fingerprint of the run selection
/// (16 bytes), then the last run id returned (UTF-8), so a cursor only continues the selection it came from.
/// </summary>
internal static class RunCursor
{
    public const string InvalidMessage =
        "cursor is not valid for these filters; start without a cursor or reuse the filters it came from";

    private const byte Kind = 2;

    public static string Encode(string afterRunId, RunSelection selection)
    {
        byte[] id = Encoding.UTF8.GetBytes(afterRunId);
        var payload = new byte[SelectionFingerprint.Length + id.Length];
        SelectionFingerprint.Compute(selection).CopyTo(payload, 0);
        id.CopyTo(payload, SelectionFingerprint.Length);
        return CursorEnvelope.Seal(Kind, payload);
    }

    /// <summary>The run id to continue after; a cursor of other filters, or no cursor at all, is a 400 naming <c>cursor</c>.</summary>
    public static string Decode(string cursor, RunSelection selection)
    {
        byte[]? payload = CursorEnvelope.Open(Kind, cursor);
        if (payload is null
            || payload.Length <= SelectionFingerprint.Length
            || !payload.AsSpan(0, SelectionFingerprint.Length).SequenceEqual(SelectionFingerprint.Compute(selection))
            || CursorEnvelope.ReadId(payload.AsSpan(SelectionFingerprint.Length)) is not { } id)
        {
            throw DlqEngineException.BadRequest("cursor", InvalidMessage);
        }

        return id;
    }
}

/// <summary>
/// The frame every opaque cursor shares: base64url of a kind byte, the payload, and a checksum (the first 8 bytes of
/// SHA-256 over everything before it).
/// </summary>
/// <remarks>
/// No secret is involved, so every engine instance over one database accepts every other's cursors; the checksum
/// catches corruption and casual edits, not forgery.
/// </remarks>
internal static class CursorEnvelope
{
    public const int Overhead = 1 + ChecksumLength;

    private const int ChecksumLength = 8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Frames <paramref name="payload"/> as a cursor of <paramref name="kind"/>.</summary>
    public static string Seal(byte kind, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[Overhead + payload.Length];
        Span<byte> span = bytes;
        span[0] = kind;
        payload.CopyTo(span[1..]);
        int checksumAt = bytes.Length - ChecksumLength;
        SHA256.HashData(span[..checksumAt])[..ChecksumLength].CopyTo(span[checksumAt..]);
        return Base64Url.Encode(bytes);
    }

    /// <summary>The payload of a well-formed cursor of <paramref name="kind"/>, or <see langword="null"/> for anything else.</summary>
    public static byte[]? Open(byte kind, string cursor)
    {
        byte[]? bytes = Base64Url.TryDecode(cursor);
        if (bytes is null || bytes.Length < Overhead || bytes[0] != kind)
        {
            return null;
        }

        ReadOnlySpan<byte> span = bytes;
        int checksumAt = bytes.Length - ChecksumLength;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(span[..checksumAt])[..ChecksumLength], span[checksumAt..])
            ? span[1..checksumAt].ToArray()
            : null;
    }

    /// <summary>
    /// The id a cursor holds, or <see langword="null"/> when it is not one the engine could have issued: cursors carry
    /// no secret, so a forged one must not bring a NUL (which PostgreSQL can't compare) or invalid UTF-8 to the store.
    /// </summary>
    /// <remarks>Its length is not held to the entries' limit: an entry kept before that limit still pages.</remarks>
    public static string? ReadId(ReadOnlySpan<byte> bytes)
    {
        try
        {
            string id = StrictUtf8.GetString(bytes);
            return id.Length > 0 && !TextChecks.HasControlCharacter(id) ? id : null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}

/// <summary>Base64url without padding (RFC 4648 section 5); net8.0 has no <c>System.Buffers.Text.Base64Url</c>.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[]? TryDecode(string text)
    {
        if (text.Length % 4 == 1 || text.AsSpan().IndexOfAny("+/=") >= 0)
        {
            return null;
        }

        string padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4);
        var buffer = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, buffer, out int written) ? buffer[..written] : null;
    }
}

/// <summary>
/// A stable hash of a selection's filters: the same filters in any order give the same fingerprint in every
/// process, so a cursor can prove which filter it belongs to, and a bulk action knows an identical request.
/// </summary>
internal static class SelectionFingerprint
{
    public const int Length = 16;

    /// <summary>A selection is immutable once made, so its fingerprint is worked out once: a bulk call reads and writes a cursor.</summary>
    private static readonly ConditionalWeakTable<DlqSelection, byte[]> Computed = new();
    private static readonly ConditionalWeakTable<RunSelection, byte[]> ComputedRuns = new();

    public static byte[] Compute(DlqSelection selection) => Computed.GetValue(selection, static made => Calculate("v2", SelectionCriteria.Dlq, made.ValuesOf));

    /// <summary>The fingerprint of a run-logs selection (a canonical form of its own, so it never equals a DLQ selection's).</summary>
    public static byte[] Compute(RunSelection selection) => ComputedRuns.GetValue(selection, static made => Calculate("runs-v3", SelectionCriteria.Runs, made.ValuesOf));

    // Every criterion of the table by its name, with its values in the form the stores compare (v2 of the DLQ's, v3 of the run logs').
    private static byte[] Calculate<TRecord>(string version, IReadOnlyList<SelectionCriterion<TRecord>> table, Func<SelectionCriterion<TRecord>, IReadOnlyList<object>> valuesOf)
    {
        var canonical = new StringBuilder(version);
        foreach (SelectionCriterion<TRecord> criterion in table)
        {
            AppendValues(canonical, criterion.Name, valuesOf(criterion).Select(value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!));
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))[..Length];
    }

    // Each value is length-prefixed so that no two different filters serialize alike; a criterion's values are a set (they
    // are OR-ed), so neither their order nor a repeat changes the selection, nor its fingerprint.
    private static void AppendValues(StringBuilder canonical, string name, IEnumerable<string> values)
    {
        canonical.Append('|').Append(name);
        foreach (string value in values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            canonical.Append(':').Append(value.Length).Append('=').Append(value);
        }
    }
}

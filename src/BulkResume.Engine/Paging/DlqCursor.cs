using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Paging;

/// <summary>
/// The opaque paging cursor: base64url of version (1 byte), the keyset position (UTC ticks as int64 big-endian,
/// then the DLQ id as a length-prefixed UTF-8 string), the selection fingerprint (16 bytes) and a checksum
/// (the first 8 bytes of SHA-256 over everything before it). No secret is involved, so every engine instance over
/// one database accepts every other's cursors; the checksum catches corruption and casual edits, not forgery.
/// </summary>
internal static class DlqCursor
{
    public const string InvalidMessage =
        "cursor is not valid for this filter; start without a cursor or reuse the filter it came from";

    private const byte Version = 1;
    private const int ChecksumLength = 8;
    private const int FixedLength = 1 + sizeof(long) + sizeof(ushort) + SelectionFingerprint.Length + ChecksumLength;

    public static string Encode(DlqKey position, DlqSelection selection)
    {
        byte[] id = Encoding.UTF8.GetBytes(position.DlqId);
        var bytes = new byte[FixedLength + id.Length];
        Span<byte> span = bytes;
        span[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(span[1..], position.CreatedAt.UtcTicks);
        BinaryPrimitives.WriteUInt16BigEndian(span[9..], checked((ushort)id.Length));
        id.CopyTo(span[11..]);
        SelectionFingerprint.Compute(selection).CopyTo(span[(11 + id.Length)..]);
        int checksumAt = bytes.Length - ChecksumLength;
        SHA256.HashData(span[..checksumAt])[..ChecksumLength].CopyTo(span[checksumAt..]);
        return Base64Url.Encode(bytes);
    }

    /// <summary>Reads a cursor made for <paramref name="selection"/>; anything else is a 400 naming <c>cursor</c>.</summary>
    public static DlqKey Decode(string cursor, DlqSelection selection)
    {
        byte[]? bytes = Base64Url.TryDecode(cursor);
        if (bytes is null || bytes.Length < FixedLength || bytes[0] != Version)
        {
            throw Invalid();
        }

        ReadOnlySpan<byte> span = bytes;
        int checksumAt = bytes.Length - ChecksumLength;
        int idLength = BinaryPrimitives.ReadUInt16BigEndian(span[9..]);
        if (FixedLength + idLength != bytes.Length
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(span[..checksumAt])[..ChecksumLength], span[checksumAt..])
            || !span.Slice(11 + idLength, SelectionFingerprint.Length).SequenceEqual(SelectionFingerprint.Compute(selection)))
        {
            throw Invalid();
        }

        long ticks = BinaryPrimitives.ReadInt64BigEndian(span[1..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw Invalid();
        }

        return new DlqKey(new DateTimeOffset(ticks, TimeSpan.Zero), Encoding.UTF8.GetString(span.Slice(11, idLength)));
    }

    private static DlqEngineException Invalid() => DlqEngineException.BadRequest("cursor", InvalidMessage);
}

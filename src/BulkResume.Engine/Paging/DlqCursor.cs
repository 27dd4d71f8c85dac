using System.Buffers.Binary;
using System.Text;
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

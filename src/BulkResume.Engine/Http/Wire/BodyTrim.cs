using System.Text;

namespace BulkResume.Engine.Http.Wire;

/// <summary>
/// The run logs' <c>trimBody</c>: bodies and outputs cut to a number of UTF-8 bytes (never inside a character), or left
/// out with <c>-1</c>; absent, they are whole.
/// </summary>
internal readonly struct BodyTrim
{
    private readonly int? _maxBytes;

    public BodyTrim(int? maxBytes) => _maxBytes = maxBytes;

    public static BodyTrim None => default;

    public string? Apply(string? text)
    {
        if (text is null || _maxBytes is not { } max)
        {
            return text;
        }

        if (max < 0)
        {
            return null;
        }

        if (Encoding.UTF8.GetByteCount(text) <= max)
        {
            return text;
        }

        // Whole characters only: count bytes char by char (a surrogate pair is one 4-byte character).
        int bytes = 0;
        int length = 0;
        while (length < text.Length)
        {
            int width = char.IsHighSurrogate(text[length]) && length + 1 < text.Length ? 2 : 1;
            int size = Encoding.UTF8.GetByteCount(text.AsSpan(length, width));
            if (bytes + size > max)
            {
                break;
            }

            bytes += size;
            length += width;
        }

        return text[..length];
    }
}

using System.Text;
using System.Text.Json;

namespace BulkResume.Engine.Sql;

/// <summary>
/// Reads an enum that System.Text.Json wrote by name, comparing the UTF-8 text with each name instead of allocating a
/// string and parsing it (two per step of every entry a store reads back).
/// </summary>
/// <typeparam name="T">The enum.</typeparam>
internal static class EnumNames<T>
    where T : struct, Enum
{
    private static readonly (byte[] Name, T Value)[] Names =
        Enum.GetValues<T>().Select(value => (Encoding.UTF8.GetBytes(value.ToString()), value)).ToArray();

    /// <summary>The value whose name the reader's current string token is.</summary>
    /// <exception cref="JsonException">The token is not the name of a value of <typeparamref name="T"/>.</exception>
    public static T Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            foreach ((byte[] name, T value) in Names)
            {
                if (reader.ValueSpan.SequenceEqual(name))
                {
                    return value;
                }
            }
        }

        // Escaped or unknown: the slow path, which names the bad value.
        return Enum.Parse<T>(reader.GetString()!);
    }
}

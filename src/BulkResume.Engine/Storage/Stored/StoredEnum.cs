using System.Text;
using System.Text.Json;

namespace BulkResume.Engine.Storage.Stored;

/// <summary>One of the model's enums as a SQL store keeps it: the text of each value, in its columns and its stored JSON.</summary>
/// <remarks>
/// Reading compares the UTF-8 text with each value's instead of allocating a string and parsing it (two per step of
/// every entry a store reads back). The texts are in <see cref="StoredNames"/>.
/// </remarks>
/// <typeparam name="T">The enum.</typeparam>
internal sealed class StoredEnum<T>
    where T : struct, Enum
{
    private readonly (T Value, string Text, byte[] Utf8)[] _values;

    /// <summary>Initializes the texts of every value of <typeparamref name="T"/>.</summary>
    /// <param name="values">Each value with its text; every value once.</param>
    /// <exception cref="ArgumentException">A value has no text or two.</exception>
    public StoredEnum(params (T Value, string Text)[] values)
    {
        if (!values.Select(value => value.Value).Order().SequenceEqual(Enum.GetValues<T>().Order()))
        {
            throw new ArgumentException($"Give every {typeof(T).Name} value one stored text.", nameof(values));
        }

        _values = [.. values.Select(value => (value.Value, value.Text, Encoding.UTF8.GetBytes(value.Text)))];
    }

    /// <summary>The texts of the values' C# names, for an enum whose C# names are still the texts databases hold.</summary>
    /// <returns>The texts.</returns>
    public static StoredEnum<T> ByName() => new([.. Enum.GetValues<T>().Select(value => (value, value.ToString()))]);

    /// <summary>The text of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a defined value.</exception>
    public string Of(T value)
    {
        foreach ((T known, string text, _) in _values)
        {
            if (EqualityComparer<T>.Default.Equals(known, value))
            {
                return text;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {typeof(T).Name}.");
    }

    /// <summary>The value whose text <paramref name="text"/> is.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is no value's text.</exception>
    public T Parse(string text)
    {
        foreach ((T value, string known, _) in _values)
        {
            if (string.Equals(known, text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw new FormatException($"'{text}' is not a stored {typeof(T).Name}; one of {string.Join(", ", _values.Select(value => value.Text))} was expected.");
    }

    /// <summary>The value whose text the reader's current string token is.</summary>
    /// <exception cref="JsonException">The token is not a string, or no value's text.</exception>
    public T Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A stored {typeof(T).Name} is a JSON string; got {reader.TokenType}.");
        }

        if (!reader.ValueIsEscaped)
        {
            foreach ((T value, _, byte[] utf8) in _values)
            {
                if (reader.ValueSpan.SequenceEqual(utf8))
                {
                    return value;
                }
            }
        }

        // Escaped or unknown: the slow path, which names the bad value.
        try
        {
            return Parse(reader.GetString()!);
        }
        catch (FormatException exception)
        {
            throw new JsonException(exception.Message, exception);
        }
    }
}

using System.Text.Json;
using BulkResume.Engine.Storage.Stored;

namespace BulkResume.Engine.Storage;

/// <summary>The JSON document a store keeps an entry or a run as, and the texts it keeps the model's states as.</summary>
/// <remarks>
/// An entry and a run carry more than their public properties (their steps, callback and configuration), so a store that
/// does not keep the objects themselves keeps this document, beside whatever columns it indexes, and reads it back
/// whole. Source-generated (trimming- and AOT-safe), enums as the fixed texts databases already hold, nulls left out.
/// </remarks>
public static class StoredJson
{
    /// <summary>An entry as JSON text.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(DlqEntry entry) => JsonSerializer.Serialize(entry, StoredJsonContext.Default.DlqEntry);

    /// <summary>A run as JSON text.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(RunRecord run) => JsonSerializer.Serialize(run, StoredJsonContext.Default.RunRecord);

    /// <summary>The entry that <see cref="Serialize(DlqEntry)"/> wrote.</summary>
    /// <param name="json">The stored JSON text.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="InvalidDataException">The text is JSON <c>null</c>, or misses a field every entry has.</exception>
    /// <exception cref="JsonException">The text is not a stored entry.</exception>
    public static DlqEntry DeserializeEntry(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return StoredEntryReader.Read(json);
    }

    /// <summary>The entry that <see cref="Serialize(DlqEntry)"/> wrote, as UTF-8 bytes (how SQLite, for one, holds the text).</summary>
    /// <param name="utf8">The stored JSON text, UTF-8 encoded.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="InvalidDataException">The text is JSON <c>null</c>, or misses a field every entry has.</exception>
    /// <exception cref="JsonException">The text is not a stored entry.</exception>
    public static DlqEntry DeserializeEntry(ReadOnlySpan<byte> utf8) => StoredEntryReader.Read(utf8);

    /// <summary>The run that <see cref="Serialize(RunRecord)"/> wrote.</summary>
    /// <param name="json">The stored JSON text.</param>
    /// <returns>The run.</returns>
    /// <exception cref="InvalidDataException">The text is JSON <c>null</c>.</exception>
    public static RunRecord DeserializeRun(string json) =>
        JsonSerializer.Deserialize(json, StoredJsonContext.Default.RunRecord)
        ?? throw new InvalidDataException("A workflow run is stored as JSON null.");

    /// <summary>The text a store keeps <paramref name="value"/> as, in the document and in a column.</summary>
    /// <typeparam name="T"><see cref="CallbackState"/>, <see cref="RunState"/> or <see cref="WorkflowRunOrigin"/>.</typeparam>
    /// <param name="value">A defined value.</param>
    /// <returns>The text, fixed whatever the value's C# name becomes.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a defined value, or <typeparamref name="T"/> not one of these enums.</exception>
    public static string TextOf<T>(T value)
        where T : struct, Enum =>
        StoredNames.For<T>().Of(value);

    /// <summary>The value whose stored text <paramref name="text"/> is.</summary>
    /// <typeparam name="T"><see cref="CallbackState"/>, <see cref="RunState"/> or <see cref="WorkflowRunOrigin"/>.</typeparam>
    /// <param name="text">A text <see cref="TextOf{T}(T)"/> wrote.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is no value's text.</exception>
    public static T Parse<T>(string text)
        where T : struct, Enum =>
        StoredNames.For<T>().Parse(text);
}

using System.Text.Json;

namespace BulkResume.Engine.Sql;

/// <summary>
/// The JSON text a SQL store keeps an entry or a run as, beside the indexed columns: source-generated (trimming- and
/// AOT-safe), enums as the fixed texts databases already hold (<c>StoredNames</c>), nulls left out.
/// </summary>
/// <remarks>Public so that every store, in this assembly or another, writes and reads the same documents.</remarks>
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

    /// <summary>Strings as one JSON array, for a database that reads a list from one text parameter.</summary>
    /// <param name="values">The strings.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return JsonSerializer.Serialize(values as string[] ?? values.ToArray(), StoredJsonContext.Default.StringArray);
    }

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
}

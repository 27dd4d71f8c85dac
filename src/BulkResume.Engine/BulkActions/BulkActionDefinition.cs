using System.Text.Json;
using System.Text.Json.Serialization;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.BulkActions;

/// <summary>
/// What a bulk action is, as the engine stores it in <see cref="BulkActionRecord.Definition"/>: its kind, its filter as
/// given, the overrides of the runs it makes, and the last item it covers (items that come later are not part of it).
/// </summary>
/// <remarks>The filter is kept as given and read again by the kind's rules, so the action reports exactly what was asked.</remarks>
internal sealed class BulkActionDefinition
{
    public required string Kind { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Filter { get; init; }

    public ResumeOverrides? Overrides { get; init; }

    /// <summary>
    /// The failure time (UTC ticks) of the last entry the action covers, or, for a cancel of runs, the latest creation time
    /// of the runs it covers; <see langword="null"/> when it covers none.
    /// </summary>
    public long? BoundaryTicks { get; init; }

    /// <summary>The DLQ id of the last entry the action covers (none for runs, which a time bounds alone).</summary>
    public string? BoundaryDlqId { get; init; }

    [JsonIgnore]
    public DlqKey? Boundary => BoundaryTicks is { } ticks && BoundaryDlqId is { } id ? new DlqKey(new DateTimeOffset(ticks, TimeSpan.Zero), id) : null;

    public static BulkActionDefinition Parse(string json) =>
        JsonSerializer.Deserialize(json, BulkActionJsonContext.Default.BulkActionDefinition)
        ?? throw new InvalidOperationException("A stored bulk action has no definition.");

    public string ToJson() => JsonSerializer.Serialize(this, BulkActionJsonContext.Default.BulkActionDefinition);

    /// <summary>The overrides in one canonical text, to tell whether two requests asked for the same runs.</summary>
    public string OverridesText() => JsonSerializer.Serialize(Overrides ?? ResumeOverrides.None, BulkActionJsonContext.Default.ResumeOverrides);
}

/// <summary>Source-generated JSON of the stored definitions (no reflection, AOT-safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BulkActionDefinition))]
internal sealed partial class BulkActionJsonContext : JsonSerializerContext;

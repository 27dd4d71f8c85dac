using System.Text.Json;

namespace BulkResume.Engine.Tests.WireExamples;

/// <summary>One file of tests/WireExamples: what to seed (DLQ entries, and runs), the requests that set the scene, the request, and the response the engine must give.</summary>
internal sealed record RecordedExample(string Name, JsonElement Seed, IReadOnlyList<JsonElement> Before, JsonElement Request, JsonElement Response)
{
    /// <summary>The runs to store before the request (<c>seedRuns</c>, optional), for the examples that act on runs.</summary>
    public IEnumerable<JsonElement> SeedRuns { get; init; } = [];

    /// <summary>The steps waiting for events to store before the request (<c>seedWaiters</c>, optional), each with its running run.</summary>
    public IEnumerable<JsonElement> SeedWaiters { get; init; } = [];

    /// <summary>
    /// Why the engine's side of this example is not checked yet (<c>enginePending</c>): the client's side is, and the
    /// engine's runner reports the example as skipped with this reason until the engine answers it as recorded.
    /// </summary>
    public string? EnginePending { get; init; }

    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "WireExamples"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)!;

    public static RecordedExample Load(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireExamples", name + ".json")));
        JsonElement root = document.RootElement.Clone();
        IReadOnlyList<JsonElement> before = root.TryGetProperty("before", out JsonElement requests) ? requests.EnumerateArray().ToArray() : [];
        return new RecordedExample(name, root.GetProperty("seed"), before, root.GetProperty("request"), root.GetProperty("response"))
        {
            SeedRuns = root.TryGetProperty("seedRuns", out JsonElement runs) ? runs.EnumerateArray().ToArray() : [],
            SeedWaiters = root.TryGetProperty("seedWaiters", out JsonElement waiters) ? waiters.EnumerateArray().ToArray() : [],
            EnginePending = root.TryGetProperty("enginePending", out JsonElement pending) ? pending.GetString() : null,
        };
    }
}

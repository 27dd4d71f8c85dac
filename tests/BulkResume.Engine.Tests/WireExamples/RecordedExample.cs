using System.Text.Json;

namespace BulkResume.Engine.Tests.WireExamples;

/// <summary>One file of tests/WireExamples: what to seed, the requests that set the scene, the request, and the response the engine must give.</summary>
internal sealed record RecordedExample(string Name, JsonElement Seed, IReadOnlyList<JsonElement> Before, JsonElement Request, JsonElement Response)
{
    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "WireExamples"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)!;

    public static RecordedExample Load(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireExamples", name + ".json")));
        JsonElement root = document.RootElement.Clone();
        IReadOnlyList<JsonElement> before = root.TryGetProperty("before", out JsonElement requests) ? requests.EnumerateArray().ToArray() : [];
        return new RecordedExample(name, root.GetProperty("seed"), before, root.GetProperty("request"), root.GetProperty("response"));
    }
}

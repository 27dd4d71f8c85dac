using System.Text.Json;

namespace BulkResume.Engine.Tests.WireExamples;

/// <summary>One file of tests/WireExamples: what to seed, the request, and the response the engine must give.</summary>
internal sealed record RecordedExample(string Name, JsonElement Seed, JsonElement Request, JsonElement Response)
{
    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "WireExamples"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)!;

    public static RecordedExample Load(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireExamples", name + ".json")));
        JsonElement root = document.RootElement.Clone();
        return new RecordedExample(name, root.GetProperty("seed"), root.GetProperty("request"), root.GetProperty("response"));
    }
}

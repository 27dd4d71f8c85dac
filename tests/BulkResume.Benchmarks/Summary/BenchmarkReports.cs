using System.Globalization;
using System.Text.Json.Nodes;

namespace BulkResume.Benchmarks.Summary;

/// <summary>The benchmarks of BenchmarkDotNet's full JSON reports in one directory, looked up by class, method and parameters.</summary>
internal sealed class BenchmarkReports
{
    private readonly List<JsonNode> _benchmarks = [];

    public BenchmarkReports(string resultsDirectory)
    {
        if (!Directory.Exists(resultsDirectory))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(resultsDirectory, "*-report-full.json"))
        {
            JsonNode? report = JsonNode.Parse(File.ReadAllText(file));
            _benchmarks.AddRange(report?["Benchmarks"]?.AsArray().OfType<JsonNode>() ?? []);
        }
    }

    /// <summary>The median time of one operation in nanoseconds, or <see langword="null"/> when the benchmark did not run.</summary>
    public double? MedianNanoseconds(string type, string method, string parameters = "") =>
        Find(type, method, parameters)?["Statistics"]?["Median"]?.GetValue<double>();

    /// <summary>Bytes allocated per operation, or <see langword="null"/> when the benchmark did not run.</summary>
    public double? BytesPerOperation(string type, string method, string parameters = "") =>
        Find(type, method, parameters)?["Memory"]?["BytesAllocatedPerOperation"]?.GetValue<double>();

    /// <summary>The <c>Parameters</c> text BenchmarkDotNet writes for these values, e.g. <c>Store=memory&amp;Entries=1000</c>.</summary>
    public static string Parameters(string store, int entries) =>
        string.Create(CultureInfo.InvariantCulture, $"Store={store}&Entries={entries}");

    private JsonNode? Find(string type, string method, string parameters) =>
        _benchmarks.FirstOrDefault(b =>
            (string?)b["Type"] == type && (string?)b["Method"] == method && ((string?)b["Parameters"] ?? string.Empty) == parameters);
}

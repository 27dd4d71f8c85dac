using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>The machine the figures were taken on: cores, memory, CPU, OS and .NET.</summary>
internal static class MachineInfo
{
    public static JsonObject Describe() => new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["memory_bytes"] = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        ["cpu"] = CpuModel(),
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["gc"] = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation",
    };

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        string? line = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}

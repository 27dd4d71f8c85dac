using System.Text.Json.Nodes;
using BulkResume.Benchmarks.Client;
using BulkResume.Benchmarks.Configuration;
using BulkResume.Benchmarks.Paging;
using BulkResume.Benchmarks.Sqlite;
using BulkResume.Benchmarks.Stores;

namespace BulkResume.Benchmarks.Summary;

/// <summary>
/// <c>summarize &lt;dir&gt;</c>: reads the BenchmarkDotNet reports in <c>&lt;dir&gt;/results</c> and <c>&lt;dir&gt;/measure.json</c>
/// and writes <c>&lt;dir&gt;/summary.json</c>: every figure, its target and whether it passes. Ratios are of medians.
/// </summary>
internal static class SummaryCommand
{
    public static async Task<int> RunAsync(string directory)
    {
        var reports = new BenchmarkReports(Path.Combine(directory, "results"));
        string measurePath = Path.Combine(directory, "measure.json");
        JsonNode measured = File.Exists(measurePath) ? JsonNode.Parse(await File.ReadAllTextAsync(measurePath)) ?? new JsonObject() : new JsonObject();

        const string client = nameof(ClientOverheadBenchmarks);
        double? clientRatio = Ratio(
            reports.MedianNanoseconds(client, nameof(ClientOverheadBenchmarks.Client)),
            reports.MedianNanoseconds(client, nameof(ClientOverheadBenchmarks.HandWritten)));
        double? allocRatio = Ratio(
            reports.BytesPerOperation(client, nameof(ClientOverheadBenchmarks.Client)),
            reports.BytesPerOperation(client, nameof(ClientOverheadBenchmarks.HandWritten)));

        var pageCost = new JsonObject();
        var pageCostNanoseconds = new JsonObject();
        var readCost = new JsonObject();
        var readNanoseconds = new JsonObject();
        var targets = new JsonObject
        {
            ["client_overhead_ratio"] = new Target("client_overhead_ratio", 1.15).Judge(clientRatio),
            ["client_alloc_ratio"] = new Target("client_alloc_ratio", 1.5).Judge(allocRatio),
        };
        foreach (string store in new[] { BenchStores.Memory, BenchStores.Sqlite, BenchStores.Postgres })
        {
            double? ratio = SizeRatio(nameof(PageCostBenchmarks.ResumePage), store, pageCost, pageCostNanoseconds);
            targets[$"page_cost_ratio.{store}"] = new Target($"page_cost_ratio.{store}", 1.5).Judge(ratio);
            SizeRatio(nameof(PageCostBenchmarks.ListPage), store, readCost, readNanoseconds);
        }

        // One PageCostBenchmarks method in one store: the large DLQ's median over the small one's, and both medians.
        double? SizeRatio(string method, string store, JsonObject ratios, JsonObject nanoseconds)
        {
            double? small = reports.MedianNanoseconds(nameof(PageCostBenchmarks), method, BenchmarkReports.Parameters(store, BenchSettings.SmallDlq));
            double? large = reports.MedianNanoseconds(nameof(PageCostBenchmarks), method, BenchmarkReports.Parameters(store, BenchSettings.LargeDlq));
            double? ratio = Ratio(large, small);
            ratios[store] = ratio;
            nanoseconds[store] = new JsonObject { [$"{BenchSettings.SmallDlq}"] = Round(small), [$"{BenchSettings.LargeDlq}"] = Round(large) };
            return ratio;
        }

        double? sqliteRatio = Ratio(
            reports.MedianNanoseconds(nameof(SqliteVsRawBenchmarks), nameof(SqliteVsRawBenchmarks.Store)),
            reports.MedianNanoseconds(nameof(SqliteVsRawBenchmarks), nameof(SqliteVsRawBenchmarks.HandWrittenSql)));
        double? perEntry = measured["memory_bytes_per_entry"]?.GetValue<double>();
        targets["sqlite_vs_raw_ratio"] = new Target("sqlite_vs_raw_ratio", 1.5).Judge(sqliteRatio);
        targets["memory_bytes_per_entry"] = new Target("memory_bytes_per_entry", 1500).Judge(perEntry);

        // Issue 16: the time of the sequential drain over the time at each concurrency, with and without latency.
        JsonNode? concurrent = measured["concurrent_drain"];
        var speedups = new JsonObject();
        foreach (string latency in new[] { "latency", "no_latency" })
        {
            double? sequential = concurrent?[latency]?["1"]?["seconds"]?.GetValue<double>();
            foreach (int concurrency in new[] { 2, 4, 8, 16 })
            {
                speedups[$"{latency}_c{concurrency}"] = Ratio(sequential, concurrent?[latency]?[$"{concurrency}"]?["seconds"]?.GetValue<double>());
            }
        }

        targets["concurrent_drain_speedup.latency_c8"] = new Target("concurrent_drain_speedup.latency_c8", 6.0, AtLeast: true)
            .Judge(speedups["latency_c8"]?.GetValue<double>());
        targets["concurrent_drain_speedup.no_latency_c8"] = new Target("concurrent_drain_speedup.no_latency_c8", NoLatencyFloor, AtLeast: true)
            .Judge(speedups["no_latency_c8"]?.GetValue<double>());

        var summary = new JsonObject
        {
            ["run"] = new JsonObject
            {
                ["mode"] = BenchSettings.Quick ? "quick" : "full",
                ["written_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["page_cost_dlq_sizes"] = new JsonArray(BenchSettings.SmallDlq, BenchSettings.LargeDlq),
                ["resume_per_s_entries"] = measured["resume_per_s_entries"]?.DeepClone(),
                ["http_drain_entries"] = measured["http_drain_entries"]?.DeepClone(),
                ["memory_entries"] = measured["memory_entries"]?.DeepClone(),
                ["client_heap_entries"] = measured["client_heap"]?["entries"]?.DeepClone(),
                ["concurrent_drain_entries"] = concurrent?["entries"]?.DeepClone(),
                ["concurrent_drain_latency_ms"] = concurrent?["latency_ms"]?.DeepClone(),
            },
            ["machine"] = measured["machine"]?.DeepClone(),
            ["client_overhead_ratio"] = clientRatio,
            ["client_alloc_ratio"] = allocRatio,
            ["page_cost_ratio"] = pageCost,
            ["sqlite_vs_raw_ratio"] = sqliteRatio,
            ["resume_per_s"] = measured["resume_per_s"]?.DeepClone(),
            ["http_drain_per_s"] = measured["http_drain_per_s"]?.DeepClone(),
            ["memory_bytes_per_entry"] = perEntry,
            ["client_heap_growth_bytes"] = measured["client_heap"]?["client_heap_growth_bytes"]?.DeepClone(),
            ["concurrent_drain_speedup"] = speedups,
            ["targets"] = targets,
            ["details"] = new JsonObject
            {
                ["client_page_ns"] = new JsonObject
                {
                    ["client"] = Round(reports.MedianNanoseconds(client, nameof(ClientOverheadBenchmarks.Client))),
                    ["hand_written"] = Round(reports.MedianNanoseconds(client, nameof(ClientOverheadBenchmarks.HandWritten))),
                },
                ["client_page_bytes"] = new JsonObject
                {
                    ["client"] = reports.BytesPerOperation(client, nameof(ClientOverheadBenchmarks.Client)),
                    ["hand_written"] = reports.BytesPerOperation(client, nameof(ClientOverheadBenchmarks.HandWritten)),
                },
                ["page_ns"] = pageCostNanoseconds,
                ["page_cost_read_ratio"] = readCost,
                ["page_read_ns"] = readNanoseconds,
                ["page_cost_floor_ratio.memory"] = Ratio(
                    reports.MedianNanoseconds(nameof(RunIndexFloorBenchmarks), nameof(RunIndexFloorBenchmarks.AddRunIds), FloorParameters(BenchSettings.LargeDlq)),
                    reports.MedianNanoseconds(nameof(RunIndexFloorBenchmarks), nameof(RunIndexFloorBenchmarks.AddRunIds), FloorParameters(BenchSettings.SmallDlq))),
                ["sqlite_drain_ns"] = new JsonObject
                {
                    ["store"] = Round(reports.MedianNanoseconds(nameof(SqliteVsRawBenchmarks), nameof(SqliteVsRawBenchmarks.Store))),
                    ["hand_written_sql"] = Round(reports.MedianNanoseconds(nameof(SqliteVsRawBenchmarks), nameof(SqliteVsRawBenchmarks.HandWrittenSql))),
                },
                ["client_heap"] = measured["client_heap"]?.DeepClone(),
                ["memory_entry_payload_bytes"] = measured["memory_entry_payload_bytes"]?.DeepClone(),
                ["concurrent_drain"] = concurrent?.DeepClone(),
            },
        };

        string output = Path.Combine(directory, "summary.json");
        await File.WriteAllTextAsync(output, summary.ToJsonString(ReportJson.Options));
        Console.WriteLine(output);
        foreach ((string key, JsonNode? verdict) in targets)
        {
            Console.WriteLine($"  {key,-32} {verdict?["value"]?.ToJsonString() ?? "null",-22} target {verdict?["target"]}  {((bool?)verdict?["pass"] == true ? "PASS" : "FAIL")}");
        }

        return 0;
    }

    /// <summary>"No slower than sequential" without latency, as a ratio of medians: see docs/performance.md.</summary>
    private const double NoLatencyFloor = 1.0;

    private static double? Ratio(double? value, double? baseline) =>
        value is { } v && baseline is { } b && b > 0 ? Math.Round(v / b, 3) : null;

    private static string FloorParameters(int entries) => "Entries=" + entries.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static double? Round(double? value) => value is { } v ? Math.Round(v) : null;
}

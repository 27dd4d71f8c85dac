using System.Globalization;
using System.Text.Json.Nodes;
using BulkResume.Benchmarks.Client;
using BulkResume.Benchmarks.Configuration;
using BulkResume.Benchmarks.Pairing;
using BulkResume.Benchmarks.Paging;
using BulkResume.Benchmarks.Sqlite;
using BulkResume.Benchmarks.Stores;

namespace BulkResume.Benchmarks.Summary;

/// <summary>
/// <c>summarize &lt;dir&gt;</c>: reads the BenchmarkDotNet reports in <c>&lt;dir&gt;/results</c> and <c>&lt;dir&gt;/measure.json</c>
/// and writes <c>&lt;dir&gt;/summary.json</c>: every figure, its target and whether it passes. Every ratio is the median
/// of per-pair ratios measured by <c>measure</c> in interleaved pairs; its spread sits beside it, under the ratio's name
/// with <c>_spread</c> after it (<c>client_overhead_ratio_spread</c>, <c>page_cost_ratio_spread.memory</c>). The
/// BenchmarkDotNet reports give the absolute figures in <c>details</c>.
/// </summary>
internal static class SummaryCommand
{
    /// <summary>"No slower than sequential" without latency, as a ratio of medians: see docs/performance.md.</summary>
    private const double NoLatencyFloor = 1.0;

    public static async Task<int> RunAsync(string directory)
    {
        var reports = new BenchmarkReports(Path.Combine(directory, "results"));
        string measurePath = Path.Combine(directory, "measure.json");
        JsonNode measured = File.Exists(measurePath) ? JsonNode.Parse(await File.ReadAllTextAsync(measurePath)) ?? new JsonObject() : new JsonObject();
        JsonNode? ratios = measured["ratios"];
        JsonNode? concurrent = measured["concurrent_drain"];

        // Every ratio with its spread, in the order the console lists them; a target's verdict repeats the spread.
        var spreads = new List<(string Key, JsonNode? Spread)>();
        double? Median(string key, JsonNode? spread)
        {
            spreads.Add((key, spread));
            return spread?["median"]?.GetValue<double>();
        }

        var targets = new JsonObject();
        void Judge(Target target, double? value, JsonNode? spread = null) => targets[target.Key] = target.Judge(value, spread);

        double? clientRatio = Median("client_overhead_ratio", ratios?["client_overhead_ratio"]);
        double? allocRatio = Median("client_alloc_ratio", ratios?["client_alloc_ratio"]);
        Judge(new Target("client_overhead_ratio", 1.15), clientRatio, ratios?["client_overhead_ratio"]);
        Judge(new Target("client_alloc_ratio", 1.5), allocRatio, ratios?["client_alloc_ratio"]);

        var pageCost = new JsonObject();
        var readCost = new JsonObject();
        foreach (string store in new[] { BenchStores.Memory, BenchStores.Sqlite, BenchStores.Postgres })
        {
            JsonNode? spread = ratios?["page_cost_ratio"]?[store];
            pageCost[store] = Median($"page_cost_ratio.{store}", spread);
            Judge(new Target($"page_cost_ratio.{store}", 1.5), pageCost[store]?.GetValue<double>(), spread);
        }

        double? sqliteRatio = Median("sqlite_vs_raw_ratio", ratios?["sqlite_vs_raw_ratio"]);
        Judge(new Target("sqlite_vs_raw_ratio", 1.5), sqliteRatio, ratios?["sqlite_vs_raw_ratio"]);
        double? perEntry = measured["memory_bytes_per_entry"]?.GetValue<double>();
        Judge(new Target("memory_bytes_per_entry", 1500), perEntry);

        // Issue 16: per round, the seconds of the sequential drain over the seconds at each concurrency, with and
        // without latency; and the requests each concurrency sent per page of entries.
        var speedups = new JsonObject();
        var speedupSpreads = new JsonObject();
        var requestsPerPage = new JsonObject();
        foreach (string latency in new[] { "latency", "no_latency" })
        {
            requestsPerPage[$"{latency}_c1"] = concurrent?[latency]?["1"]?["requests_per_page"]?.DeepClone();
            foreach (int concurrency in new[] { 2, 4, 8, 16 })
            {
                string key = $"{latency}_c{concurrency}";
                JsonNode? spread = concurrent?[latency]?[$"{concurrency}"]?["speedup_spread"];
                speedups[key] = Median($"concurrent_drain_speedup.{key}", spread);
                speedupSpreads[key] = spread?.DeepClone();
                requestsPerPage[key] = concurrent?[latency]?[$"{concurrency}"]?["requests_per_page"]?.DeepClone();
            }
        }

        foreach ((string key, double limit) in new[] { ("latency_c8", 7.0), ("latency_c16", 12.0), ("no_latency_c8", NoLatencyFloor) })
        {
            Judge(new Target($"concurrent_drain_speedup.{key}", limit, AtLeast: true), speedups[key]?.GetValue<double>(), speedupSpreads[key]);
        }

        // Issue 26: per store, the async bulk resume's entries/s over the sync bulk resume's; and over loopback with
        // latency, the async resume's wall time over the drain's at 8, which has no target.
        JsonNode? asyncResume = measured["async_resume"];
        var asyncRatio = new JsonObject();
        var asyncRatioSpread = new JsonObject();
        var asyncPerSecond = new JsonObject();
        foreach (string store in new[] { BenchStores.Memory, BenchStores.Sqlite, BenchStores.Postgres })
        {
            JsonNode? figures = asyncResume?["floor"]?["stores"]?[store];
            asyncRatio[store] = Median($"async_resume_ratio.{store}", figures?["ratio"]);
            asyncRatioSpread[store] = figures?["ratio"]?.DeepClone();
            asyncPerSecond[store] = figures is null ? null : new JsonObject { ["async"] = figures["async_per_s"]?.DeepClone(), ["sync"] = figures["sync_per_s"]?.DeepClone() };
            Judge(new Target($"async_resume_ratio.{store}", 0.7, AtLeast: true), asyncRatio[store]?.GetValue<double>(), figures?["ratio"]);
        }

        JsonNode? againstDrain = asyncResume?["against_drain_c8"];
        double? againstDrainRatio = Median("async_resume_vs_drain_c8", againstDrain?["ratio"]);

        // Issue 27: steps delivered per second by the delivery worker over a hand-written loop posting the same signed bodies.
        JsonNode? delivery = measured["delivery"];
        double? deliveryRatio = Median("delivery_ratio", delivery?["ratio"]);
        Judge(new Target("delivery_ratio", 0.7, AtLeast: true), deliveryRatio, delivery?["ratio"]);
        double? deliveryCpuRatio = Median("delivery_cpu_ratio", delivery?["cpu_ratio"]);

        foreach (string store in new[] { BenchStores.Memory, BenchStores.Sqlite, BenchStores.Postgres })
        {
            readCost[store] = Median($"page_cost_read_ratio.{store}", ratios?["page_cost_read_ratio"]?[store]);
        }

        double? floorRatio = Median("page_cost_floor_ratio.memory", ratios?["page_cost_floor_ratio.memory"]);

        const string client = nameof(ClientOverheadBenchmarks);
        var summary = new JsonObject
        {
            ["run"] = new JsonObject
            {
                ["mode"] = BenchSettings.Quick ? "quick" : "full",
                ["written_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["page_cost_dlq_sizes"] = new JsonArray(BenchSettings.SmallDlq, BenchSettings.LargeDlq),
                ["resume_per_s_entries"] = measured["resume_per_s_entries"]?.DeepClone(),
                ["http_drain_entries"] = measured["http_drain_entries"]?.DeepClone(),
                ["memory_entries"] = measured["memory_entries"]?.DeepClone(),
                ["client_heap_entries"] = measured["client_heap"]?["entries"]?.DeepClone(),
                ["concurrent_drain_entries"] = concurrent?["entries"]?.DeepClone(),
                ["concurrent_drain_latency_ms"] = concurrent?["latency_ms"]?.DeepClone(),
                ["async_resume_entries"] = asyncResume?["floor"]?["entries"]?.DeepClone(),
                ["async_resume_vs_drain_entries"] = againstDrain?["entries"]?.DeepClone(),
                ["async_resume_vs_drain_latency_ms"] = againstDrain?["latency_ms"]?.DeepClone(),
                ["delivery_steps"] = delivery?["steps"]?.DeepClone(),
                ["delivery_concurrency"] = delivery?["concurrency"]?.DeepClone(),
            },
            ["machine"] = measured["machine"]?.DeepClone(),
            ["client_overhead_ratio"] = clientRatio,
            ["client_overhead_ratio_spread"] = ratios?["client_overhead_ratio"]?.DeepClone(),
            ["client_alloc_ratio"] = allocRatio,
            ["client_alloc_ratio_spread"] = ratios?["client_alloc_ratio"]?.DeepClone(),
            ["page_cost_ratio"] = pageCost,
            ["page_cost_ratio_spread"] = ratios?["page_cost_ratio"]?.DeepClone(),
            ["sqlite_vs_raw_ratio"] = sqliteRatio,
            ["sqlite_vs_raw_ratio_spread"] = ratios?["sqlite_vs_raw_ratio"]?.DeepClone(),
            ["resume_per_s"] = measured["resume_per_s"]?.DeepClone(),
            ["http_drain_per_s"] = measured["http_drain_per_s"]?.DeepClone(),
            ["memory_bytes_per_entry"] = perEntry,
            ["client_heap_growth_bytes"] = measured["client_heap"]?["client_heap_growth_bytes"]?.DeepClone(),
            ["concurrent_drain_speedup"] = speedups,
            ["concurrent_drain_speedup_spread"] = speedupSpreads,
            ["concurrent_drain_requests_per_page"] = requestsPerPage,
            ["async_resume_ratio"] = asyncRatio,
            ["async_resume_ratio_spread"] = asyncRatioSpread,
            ["async_resume_per_s"] = asyncPerSecond,
            ["async_resume_vs_drain_c8"] = againstDrainRatio,
            ["async_resume_vs_drain_c8_spread"] = againstDrain?["ratio"]?.DeepClone(),
            ["async_resume_vs_drain_c8_seconds"] = againstDrain is null ? null : new JsonObject
            {
                ["async"] = againstDrain["async_seconds"]?.DeepClone(),
                ["drain"] = againstDrain["drain_seconds"]?.DeepClone(),
                ["action"] = againstDrain["action_seconds"]?.DeepClone(),
            },
            ["delivery_ratio"] = deliveryRatio,
            ["delivery_ratio_spread"] = delivery?["ratio"]?.DeepClone(),
            ["delivery_cpu_ratio"] = deliveryCpuRatio,
            ["delivery_cpu_ratio_spread"] = delivery?["cpu_ratio"]?.DeepClone(),
            ["delivery_steps_per_s"] = delivery is null ? null : new JsonObject
            {
                ["engine"] = delivery["engine_steps_per_s"]?.DeepClone(),
                ["floor"] = delivery["floor_steps_per_s"]?.DeepClone(),
            },
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
                ["page_ns"] = PageNanoseconds(reports, nameof(PageCostBenchmarks.ResumePage)),
                ["page_cost_read_ratio"] = readCost,
                ["page_cost_read_ratio_spread"] = ratios?["page_cost_read_ratio"]?.DeepClone(),
                ["page_read_ns"] = PageNanoseconds(reports, nameof(PageCostBenchmarks.ListPage)),
                ["page_floor_ns"] = new JsonObject
                {
                    [$"{BenchSettings.SmallDlq}"] = Round(reports.MedianNanoseconds(nameof(RunIndexFloorBenchmarks), nameof(RunIndexFloorBenchmarks.AddRunIds), FloorParameters(BenchSettings.SmallDlq))),
                    [$"{BenchSettings.LargeDlq}"] = Round(reports.MedianNanoseconds(nameof(RunIndexFloorBenchmarks), nameof(RunIndexFloorBenchmarks.AddRunIds), FloorParameters(BenchSettings.LargeDlq))),
                },
                ["page_cost_floor_ratio.memory"] = floorRatio,
                ["page_cost_floor_ratio_spread.memory"] = ratios?["page_cost_floor_ratio.memory"]?.DeepClone(),
                ["sqlite_drain_ns"] = new JsonObject
                {
                    ["store"] = Round(reports.MedianNanoseconds(nameof(SqliteVsRawBenchmarks), nameof(SqliteVsRawBenchmarks.Store))),
                    ["hand_written_sql"] = Round(reports.MedianNanoseconds(nameof(SqliteVsRawBenchmarks), nameof(SqliteVsRawBenchmarks.HandWrittenSql))),
                },
                ["client_heap"] = measured["client_heap"]?.DeepClone(),
                ["memory_entry_payload_bytes"] = measured["memory_entry_payload_bytes"]?.DeepClone(),
                ["concurrent_drain"] = concurrent?.DeepClone(),
                ["async_resume"] = asyncResume?.DeepClone(),
                ["delivery"] = delivery?.DeepClone(),
            },
        };

        string output = Path.Combine(directory, "summary.json");
        await File.WriteAllTextAsync(output, summary.ToJsonString(ReportJson.Options));
        Console.WriteLine(output);
        foreach ((string key, JsonNode? spread) in spreads)
        {
            Console.WriteLine($"  {key,-40} {Describe(spread),-58} {Verdict(targets[key])}");
        }

        foreach ((string key, JsonNode? verdict) in targets.Where(target => spreads.All(s => s.Key != target.Key)))
        {
            Console.WriteLine($"  {key,-40} {verdict?["value"]?.ToJsonString() ?? "null",-58} {Verdict(verdict)}");
        }

        return 0;
    }

    private static string Describe(JsonNode? spread) => spread is null ? "not measured" : RatioSpread.FromJson(spread).Describe();

    private static string Verdict(JsonNode? verdict) => verdict is null
        ? string.Empty
        : $"target {verdict["target"]}  {((bool?)verdict["pass"] == true ? "PASS" : "FAIL")}";

    /// <summary>One PageCostBenchmarks method's medians per store, at the small and the large DLQ.</summary>
    private static JsonObject PageNanoseconds(BenchmarkReports reports, string method)
    {
        var nanoseconds = new JsonObject();
        foreach (string store in new[] { BenchStores.Memory, BenchStores.Sqlite, BenchStores.Postgres })
        {
            nanoseconds[store] = new JsonObject
            {
                [$"{BenchSettings.SmallDlq}"] = Round(reports.MedianNanoseconds(nameof(PageCostBenchmarks), method, BenchmarkReports.Parameters(store, BenchSettings.SmallDlq))),
                [$"{BenchSettings.LargeDlq}"] = Round(reports.MedianNanoseconds(nameof(PageCostBenchmarks), method, BenchmarkReports.Parameters(store, BenchSettings.LargeDlq))),
            };
        }

        return nanoseconds;
    }

    private static string FloorParameters(int entries) => "Entries=" + entries.ToString(CultureInfo.InvariantCulture);

    private static double? Round(double? value) => value is { } v ? Math.Round(v) : null;
}

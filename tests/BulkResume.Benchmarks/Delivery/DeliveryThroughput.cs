using System.Globalization;
using System.Text.Json.Nodes;
using BulkResume.Benchmarks.HandWritten;
using BulkResume.Benchmarks.Pairing;
using BulkResume.Engine;
using BulkResume.Engine.Delivery;
using BulkResume.Engine.Http;
using BulkResume.Engine.Storage;

namespace BulkResume.Benchmarks.Delivery;

/// <summary>
/// <c>delivery</c> (issue 27): steps delivered per second by the engine's <see cref="DeliveryWorker"/> to a
/// <see cref="NoOpEndpoint"/> over loopback, against the floor, a <see cref="SignedPostLoop"/> posting the same bodies
/// with the same headers, signed afresh, at the worker's concurrency, to the same endpoint. In interleaved pairs; the
/// ratio is the engine's steps/s over the floor's, per pair.
/// </summary>
/// <remarks>
/// Before each engine sample (not timed) the in-memory store is emptied and <c>runs</c> runs are published as the SDK
/// publishes them, through <c>POST /v2/batch</c> on the engine's HTTP API (in process): each run's init message and
/// <see cref="StepsPerRun"/> - 1 step messages, so each run has <see cref="StepsPerRun"/> deliveries due, of histories
/// of 1 to <see cref="StepsPerRun"/> elements, as a run of that many steps is delivered. What is timed is the worker
/// delivering them all: claiming, posting signed, recording each 200 in the store, until none is left. The first
/// (warm-up) engine sample's requests are kept by the endpoint, and are what the floor posts.
/// </remarks>
internal static class DeliveryThroughput
{
    /// <summary>Deliveries per run: its init message and three steps.</summary>
    public const int StepsPerRun = 4;

    private const int RunsPerBatch = 50;
    private const string Token = "bench-token";

    /// <summary>The worker's default concurrency, which the floor uses too.</summary>
    private static readonly int Concurrency = new DeliveryWorkerOptions().MaxConcurrency;

    /// <summary>The body the SDK publishes a run with, an order of about 200 bytes.</summary>
    private static readonly string Payload = """{"orderId":"ord_0001","customer":"cus_42","items":[{"sku":"sku-1","quantity":2,"price":1999},{"sku":"sku-2","quantity":1,"price":4999}],"currency":"EUR","note":"deliver to the back door"}""";


    public static async Task<JsonObject> MeasureAsync(int runs, int pairs, int warmups)
    {
        int deliveries = runs * StepsPerRun;
        await using NoOpEndpoint endpoint = await NoOpEndpoint.StartAsync();
        var store = new InMemoryDlqStore();
        var engine = new DlqEngine(store, new DlqEngineOptions { SigningKeys = SigningKeys.Dev });
        using var publish = new HttpClient(new InProcessDlqHandler(new DlqHttpApi(engine, Token))) { BaseAddress = DlqTestServer.DefaultBaseAddress };
        using var worker = new DeliveryWorker(engine);
        string[] batches = Batches(endpoint.Url, runs);

        // The requests the floor posts: those of one delivery of every step, captured before anything is timed.
        endpoint.Capture = true;
        await PublishAsync(store, publish, batches);
        await worker.WaitUntilIdleAsync();
        endpoint.Capture = false;
        IReadOnlyList<CapturedRequest> captured = endpoint.Captured;
        if (captured.Count != deliveries || !captured.All(request => request.Headers.Any(header => header.Name == "Upstash-Signature")))
        {
            throw new InvalidOperationException($"The worker made {captured.Count} deliveries of {runs} runs, not {deliveries}, or sent some unsigned.");
        }

        SignedPost[] posts = [.. captured.Select(request => SignedPost.From(request, endpoint.Url))];

        using var floorHttp = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var floor = new SignedPostLoop(floorHttp, SigningKeys.Dev.Current);
        var engineCpu = new List<double>();
        var floorCpu = new List<double>();
        IReadOnlyList<(Sample A, Sample B)> measured = await Interleaved.PairsAsync(
            warmups,
            pairs,
            async () =>
            {
                await PublishAsync(store, publish, batches);
                return await CpuTimed.TakeAsync(
                    async () =>
                    {
                        long before = endpoint.Requests;
                        await worker.WaitUntilIdleAsync();
                        return checked((int)(endpoint.Requests - before));
                    },
                    deliveries,
                    engineCpu);
            },
            () => CpuTimed.TakeAsync(() => floor.PostAllAsync(posts, Concurrency), deliveries, floorCpu));

        // The same ratio in CPU time, the floor's over the engine's per pair: what the wall-time ratio tends to once both
        // sides are bound by the CPU, as on a quiet machine, and less moved by other processes' load.
        RatioSpread cpuRatio = RatioSpread.Of(engineCpu.Zip(floorCpu).Skip(warmups).Select(pair => pair.Second / pair.First));
        double engineCpuPerStep = Median(engineCpu.Skip(warmups)) / deliveries;
        double floorCpuPerStep = Median(floorCpu.Skip(warmups)) / deliveries;

        // Steps/s of the engine over the floor's: the floor's seconds over the engine's, per pair.
        RatioSpread ratio = RatioSpread.Of(measured.Select(pair => pair.B.Seconds / pair.A.Seconds));
        double engineSeconds = Median(measured.Select(pair => pair.A.Seconds));
        double floorSeconds = Median(measured.Select(pair => pair.B.Seconds));
        double engineBytes = Median(measured.Select(pair => (double)pair.A.AllocatedBytes)) / deliveries;
        double floorBytes = Median(measured.Select(pair => (double)pair.B.AllocatedBytes)) / deliveries;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"measure: delivery_ratio = {ratio.Describe()}; in CPU time {cpuRatio.Describe()}; engine {deliveries / engineSeconds:F0} steps/s ({engineBytes:F0} B, {engineCpuPerStep * 1e6:F0} us of CPU a step), floor {deliveries / floorSeconds:F0} steps/s ({floorBytes:F0} B, {floorCpuPerStep * 1e6:F0} us of CPU a step), {deliveries} steps at {Concurrency} in flight"));
        return new JsonObject
        {
            ["runs"] = runs,
            ["steps"] = deliveries,
            ["concurrency"] = Concurrency,
            ["body_bytes_mean"] = Math.Round(posts.Average(post => post.Body.Length)),
            ["ratio"] = ratio.ToJson(),
            ["cpu_ratio"] = cpuRatio.ToJson(),
            ["engine_steps_per_s"] = Math.Round(deliveries / engineSeconds),
            ["floor_steps_per_s"] = Math.Round(deliveries / floorSeconds),
            ["engine_bytes_per_step"] = Math.Round(engineBytes),
            ["floor_bytes_per_step"] = Math.Round(floorBytes),
            ["engine_cpu_us_per_step"] = Math.Round(engineCpuPerStep * 1e6, 1),
            ["floor_cpu_us_per_step"] = Math.Round(floorCpuPerStep * 1e6, 1),
            ["repetitions_engine_s"] = new JsonArray([.. measured.Select(pair => (JsonNode?)Math.Round(pair.A.Seconds, 4))]),
            ["repetitions_floor_s"] = new JsonArray([.. measured.Select(pair => (JsonNode?)Math.Round(pair.B.Seconds, 4))]),
        };
    }

    /// <summary>Empties the store and publishes every run again; the run ids repeat, each sample starting from the same state.</summary>
    private static async Task PublishAsync(InMemoryDlqStore store, HttpClient publish, string[] batches)
    {
        await ((IResettableDlqStore)store).ResetAsync();
        foreach (string batch in batches)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/batch") { Content = new StringContent(batch, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);
            using HttpResponseMessage response = await publish.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /v2/batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>
    /// The <c>/v2/batch</c> bodies of <paramref name="runs"/> runs, <see cref="RunsPerBatch"/> runs a body: each run's init
    /// message with the headers <c>client.trigger()</c> sends, then a step message per executed step as the SDK publishes it.
    /// </summary>
    private static string[] Batches(string url, int runs) =>
        [.. Enumerable.Range(0, runs).Chunk(RunsPerBatch).Select(chunk => new JsonArray([.. chunk.SelectMany(run => Messages(url, run))]).ToJsonString())];

    private static IEnumerable<JsonNode> Messages(string url, int run)
    {
        string runId = string.Create(CultureInfo.InvariantCulture, $"wfr_bench{run:D7}");
        yield return new JsonObject
        {
            ["destination"] = url,
            ["headers"] = new JsonObject
            {
                ["upstash-method"] = "POST",
                ["content-type"] = "application/json",
                ["upstash-workflow-init"] = "true",
                ["upstash-workflow-runid"] = runId,
                ["upstash-workflow-url"] = url,
                ["upstash-workflow-sdk-version"] = "1",
                ["upstash-forward-upstash-workflow-sdk-version"] = "1",
                ["upstash-feature-set"] = "LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig",
                ["upstash-retries"] = "3",
                ["upstash-failure-callback"] = url,
                ["upstash-failure-callback-forward-upstash-workflow-is-failure"] = "true",
                ["upstash-failure-callback-forward-upstash-workflow-failure-callback"] = "true",
                ["upstash-failure-callback-workflow-runid"] = runId,
                ["upstash-failure-callback-workflow-init"] = "false",
                ["upstash-failure-callback-workflow-url"] = url,
                ["upstash-failure-callback-workflow-calltype"] = "failureCall",
            },
            ["body"] = Payload,
        };
        for (int step = 1; step < StepsPerRun; step++)
        {
            yield return new JsonObject
            {
                ["destination"] = url,
                ["headers"] = new JsonObject
                {
                    ["upstash-method"] = "POST",
                    ["content-type"] = "application/json",
                    ["upstash-workflow-init"] = "false",
                    ["upstash-workflow-runid"] = runId,
                    ["upstash-workflow-url"] = url,
                    ["upstash-forward-upstash-workflow-sdk-version"] = "1",
                    ["upstash-retries"] = "3",
                },
                ["body"] = string.Create(
                    CultureInfo.InvariantCulture,
                    $$"""{"stepId":{{step}},"stepName":"step{{step}}","stepType":"Run","out":"{\"status\":\"ok\",\"step\":{{step}}}","concurrent":1}"""),
            };
        }
    }

    private static double Median(IEnumerable<double> values) => RatioSpread.Quantile([.. values.Order()], 0.5);

    /// <summary>
    /// A <see cref="Sample"/> and the process's CPU time meanwhile (every thread: the worker or the floor, and the
    /// endpoint they post to), which a loaded machine moves much less than the wall time.
    /// </summary>
    private static class CpuTimed
    {
        public static async Task<Sample> TakeAsync(Func<Task<int>> work, int expected, List<double> cpuSeconds)
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            TimeSpan before = process.TotalProcessorTime;
            Sample sample = await Sample.TakeAsync(work, expected, collectFirst: true);
            process.Refresh();
            cpuSeconds.Add((process.TotalProcessorTime - before).TotalSeconds);
            return sample;
        }
    }
}

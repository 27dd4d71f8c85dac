using System.Globalization;
using System.Net;
using System.Text.Json;
using BulkResume.Engine.Model;
using BulkResume.Engine.Http;
using BulkResume.Engine.PostgreSql;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Storage.PostgreSql;
using BulkResume.Engine.Tests.Storage.Sqlite;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Http;

/// <summary>
/// Generated from <see cref="SelectionCriteria.Dlq"/> and <see cref="SelectionCriteria.Runs"/>: for every criterion, every
/// operation that takes it and every store, a DLQ (or a set of runs) where the criterion selects a strict subset, driven
/// through the HTTP API as a user would. A value that selects nothing must act on nothing (so the name is parsed, not
/// ignored), and the sample's value must act on exactly the subset. A row without a sample here fails
/// <see cref="Every_criterion_has_a_sample_and_every_operation_is_driven"/>.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SelectionCriteriaTests(PostgreSqlDlqStoreTests.Database database)
    : IClassFixture<PostgreSqlDlqStoreTests.Database>
{
    private const string UrlA = "https://example.com/api/orders";
    private const string UrlB = "https://example.com/api/billing";
    private const int EntryCount = 6;
    private static readonly DateTimeOffset T0 = FailedRun.DefaultFailedAt;

    /// <summary>
    /// Each criterion's sample: the query value that selects the entries made with <c>selected: true</c>, a value that
    /// selects none of them, and how entry <c>i</c> is made to be selected or not.
    /// </summary>
    private static readonly Dictionary<string, Sample> Samples = new(StringComparer.Ordinal)
    {
        ["fromDate"] = new(Ms(T0.AddSeconds(100)), Ms(T0.AddSeconds(1000)), (i, selected) => Run(i).FailedAt(T0.AddSeconds(selected ? 100 + i : i))),
        ["toDate"] = new(Ms(T0.AddSeconds(50)), Ms(T0.AddSeconds(-1000)), (i, selected) => Run(i).FailedAt(T0.AddSeconds(selected ? i : 100 + i))),
        ["workflowUrl"] = new(UrlA, "https://example.com/api/none", (i, selected) => Run(i, selected ? UrlA : UrlB)),
        ["workflowRunId"] = new("wfr_sel", "wfr_none", (i, selected) => Run(i).WithRunId((selected ? "wfr_sel" : "wfr_oth") + i.ToString(CultureInfo.InvariantCulture))),
        ["workflowCreatedAt"] = new(Ms(T0.AddHours(-1)), Ms(T0.AddHours(-3)), (i, selected) => Run(i).CreatedAt(selected ? T0.AddHours(-1) : T0.AddHours(-2).AddSeconds(i))),
        ["label"] = new("eu", "apac", (i, selected) => Run(i).WithLabels(selected ? ["eu", "x"] : ["us"])),
        ["flowControlKey"] = new("k1", "k9", (i, selected) => Run(i).WithFlowControlKey(selected ? "k1" : "k2")),
        ["callerIp"] = new("198.51.100.7", "192.0.2.99", (i, selected) => Run(i).WithCallerIp(selected ? "198.51.100.7" : "203.0.113.7")),
        ["failureFunctionState"] = new(
            "CALLBACK_FAIL", "CALLBACK_CANCELED", (i, selected) => Run(i).WithFailureCallback(UrlA + "/failure", selected ? CallbackState.Fail : CallbackState.Success)),
        ["dlqIds"] = new("dlq-00000,dlq-00002,dlq-00004", "dlq-09999", (i, _) => Run(i)),
    };

    /// <summary>
    /// Each run-logs criterion's sample: the query value that selects the runs <see cref="RunSample.Picks"/> (the even ones
    /// unless it says otherwise), a value that selects none of them, and how run <c>i</c> is made to be selected or not.
    /// </summary>
    private static readonly Dictionary<string, RunSample> RunSamples = new(StringComparer.Ordinal)
    {
        ["workflowRunId"] = new(RunId(2), "wfr_0000", (i, _) => RunOf(i), i => i == 2),
        // The runs left out have a URL that starts with the one asked for, which only an exact match leaves out.
        ["workflowUrl"] = new(UrlA, "https://example.com/api/none", (i, selected) => RunOf(i) with { WorkflowUrl = selected ? UrlA : UrlA + "-v2" }),
        ["workflowUrl (prefix)"] = new(UrlA[..^3], UrlA + "/none", (i, selected) => RunOf(i) with { WorkflowUrl = selected ? UrlA + "/" + i.ToString(CultureInfo.InvariantCulture) : UrlB }),
        ["workflowRunIds"] = new(string.Join(',', new[] { 0, 2, 4 }.Select(RunId)), "wfr_09999", (i, _) => RunOf(i)),
        // Selected runs are created within one millisecond, a fraction into it, which only a match to the millisecond finds.
        ["workflowCreatedAt"] = new(Ms(T0.AddHours(-1)), Ms(T0.AddHours(-1).AddMilliseconds(1)), (i, selected) => RunOf(i) with { CreatedAt = selected ? T0.AddHours(-1).AddTicks(1000 * i) : T0.AddSeconds(i) }),
        // Run 1 is named with a creation time one millisecond off, so a pair must match on both id and time.
        ["workflowRuns"] = new(
            string.Join(',', new[] { 0, 2, 4 }.Select(i => RunId(i) + "@" + Ms(RunCreatedAt(i))).Append(RunId(1) + "@" + Ms(RunCreatedAt(1).AddMilliseconds(1)))),
            RunId(0) + "@" + Ms(RunCreatedAt(0).AddMilliseconds(-1)),
            (i, _) => RunOf(i)),
        ["state"] = new("RUN_SUCCESS", "RUN_CANCELED", (i, selected) => RunOf(i) with { State = WireNames.ParseRunState("state", selected ? "RUN_SUCCESS" : "RUN_FAILED") }),
        ["fromDate"] = new(Ms(T0.AddSeconds(100)), Ms(T0.AddSeconds(1000)), (i, selected) => RunOf(i) with { CreatedAt = T0.AddSeconds(selected ? 100 + i : i) }),
        ["toDate"] = new(Ms(T0.AddSeconds(50)), Ms(T0.AddSeconds(-1000)), (i, selected) => RunOf(i) with { CreatedAt = T0.AddSeconds(selected ? i : 100 + i) }),
        ["label"] = new("eu", "apac", (i, selected) => RunOf(i) with { Labels = selected ? ["eu", "x"] : ["us"] }),
        ["flowControlKey"] = new("k1", "k9", (i, selected) => RunOf(i) with { Configuration = new WorkflowRunConfiguration { FlowControlKey = selected ? "k1" : "k2", Parallelism = 1 } }),
        ["callerIp"] = new("198.51.100.7", "192.0.2.99", (i, selected) => RunOf(i) with { CallerIp = selected ? "198.51.100.7" : "203.0.113.7" }),
    };

    /// <summary>The operations on runs the test drives: the run logs and the bulk cancel (by URL prefix, and exact).</summary>
    private static readonly Dictionary<SelectionOperations, (HttpMethod Method, string Path)> RunOperations = new()
    {
        [SelectionOperations.ListRuns] = (HttpMethod.Get, "/v2/workflows/logs"),
        [SelectionOperations.CancelRuns] = (HttpMethod.Delete, "/v2/workflows/runs?workflowUrlExactMatch=false"),
        [SelectionOperations.CancelRunsByExactUrl] = (HttpMethod.Delete, "/v2/workflows/runs?workflowUrlExactMatch=true"),
    };

    /// <summary>The operations the test drives, each as a request and how to read what it acted on.</summary>
    private static readonly Dictionary<SelectionOperations, (HttpMethod Method, string Path)> Operations = new()
    {
        [SelectionOperations.List] = (HttpMethod.Get, "/v2/workflows/dlq"),
        [SelectionOperations.Resume] = (HttpMethod.Post, "/v2/workflows/dlq/resume"),
        [SelectionOperations.Restart] = (HttpMethod.Post, "/v2/workflows/dlq/restart"),
        [SelectionOperations.Delete] = (HttpMethod.Delete, "/v2/workflows/dlq"),
        [SelectionOperations.ResumeAction] = (HttpMethod.Post, "/v2/workflows/dlq/resume/bulk"),
        [SelectionOperations.RestartAction] = (HttpMethod.Post, "/v2/workflows/dlq/restart/bulk"),
        [SelectionOperations.DeleteAction] = (HttpMethod.Delete, "/v2/workflows/dlq/bulk"),
    };

    public enum StoreKind
    {
        InMemory,
        Sqlite,
        PostgreSql,
    }

    public static TheoryData<StoreKind, string, string> Cases() => CasesOf(SelectionCriteria.Dlq, Operations.Keys);

    public static TheoryData<StoreKind, string, string> RunCases() => CasesOf(SelectionCriteria.Runs, RunOperations.Keys);

    /// <summary>Every store, criterion of <paramref name="table"/> and driven operation that takes it.</summary>
    private static TheoryData<StoreKind, string, string> CasesOf<TRecord>(IReadOnlyList<SelectionCriterion<TRecord>> table, IEnumerable<SelectionOperations> operations)
    {
        var cases = new TheoryData<StoreKind, string, string>();
        foreach (StoreKind store in Enum.GetValues<StoreKind>())
        {
            foreach (SelectionCriterion<TRecord> criterion in table)
            {
                foreach (SelectionOperations operation in operations.Where(criterion.TakenBy))
                {
                    cases.Add(store, criterion.Name, operation.ToString());
                }
            }
        }

        return cases;
    }

    [Fact]
    public void Every_criterion_has_a_sample_and_every_operation_is_driven()
    {
        Assert.Equal(SelectionCriteria.Dlq.Select(criterion => criterion.Name).Order(), Samples.Keys.Order());
        Assert.Equal(SelectionCriteria.Runs.Select(SampleKey).Distinct().Order(), RunSamples.Keys.Order());
        foreach (SelectionCriterion<DlqEntry> criterion in SelectionCriteria.Dlq)
        {
            Assert.All(SingleOperations().Where(criterion.TakenBy), operation => Assert.Contains(operation, Operations.Keys));
        }

        foreach (SelectionCriterion<RunRecord> criterion in SelectionCriteria.Runs)
        {
            Assert.All(SingleOperations().Where(criterion.TakenBy), operation => Assert.Contains(operation, RunOperations.Keys));
        }

        // A name means one row to each operation, or the endpoint could not tell which the caller meant.
        foreach (SelectionOperations operation in SingleOperations())
        {
            string[] names = SelectionCriteria.Runs.Where(criterion => criterion.TakenBy(operation)).Select(criterion => criterion.Name).ToArray();
            Assert.Equal(names.Distinct().Count(), names.Length);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(RunCases))]
    public async Task A_run_criterion_selects_exactly_its_subset(StoreKind kind, string name, string operationName)
    {
        var operation = Enum.Parse<SelectionOperations>(operationName);
        string key = SampleKey(SelectionCriteria.Runs.Single(criterion => criterion.Name == name && criterion.TakenBy(operation)));
        RunSample sample = RunSamples.GetValueOrDefault(key) ?? throw new Xunit.Sdk.XunitException($"{key} has no sample in {nameof(RunSamples)}; add one.");
        string[] subset = Enumerable.Range(0, EntryCount).Where(sample.Selects).Select(RunId).ToArray();

        Assert.Empty(await RunsActedOnAsync(kind, sample, operation, name, sample.Miss));
        Assert.Equal(subset, await RunsActedOnAsync(kind, sample, operation, name, sample.Value));
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task A_criterion_selects_exactly_its_subset(StoreKind kind, string name, string operationName)
    {
        Sample sample = Samples.GetValueOrDefault(name) ?? throw new Xunit.Sdk.XunitException($"{name} has no sample in {nameof(Samples)}; add one.");
        var operation = Enum.Parse<SelectionOperations>(operationName);
        string[] subset = Enumerable.Range(0, EntryCount).Where(Selected).Select(Id).ToArray();

        Assert.Empty(await ActedOnAsync(kind, sample, operation, name, sample.Miss));
        Assert.Equal(subset, await ActedOnAsync(kind, sample, operation, name, sample.Value));
    }

    private static bool Selected(int i) => i % 2 == 0;

    /// <summary>The sample of a run criterion: by its name, and a prefix match has one of its own, which an exact match would fail.</summary>
    private static string SampleKey(SelectionCriterion<RunRecord> criterion) =>
        criterion.Match == CriterionMatch.Prefix ? criterion.Name + " (prefix)" : criterion.Name;

    private static string Id(int i) => "dlq-" + i.ToString("D5", CultureInfo.InvariantCulture);

    private static FailedRun Run(int i, string url = UrlA) =>
        FailedRun.For(url).WithDlqId(Id(i)).WithRunId("wfr_" + i.ToString(CultureInfo.InvariantCulture)).FailedAt(T0.AddSeconds(i));

    private static IEnumerable<SelectionOperations> SingleOperations() =>
        Enum.GetValues<SelectionOperations>().Where(operation => System.Numerics.BitOperations.PopCount((uint)operation) == 1);

    private static string RunId(int i) => "wfr_" + i.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Run <c>i</c>'s creation time unless its sample sets one: a fraction into a millisecond, as a clock gives it.</summary>
    private static DateTimeOffset RunCreatedAt(int i) => T0.AddSeconds(i).AddTicks(500);

    private static RunRecord RunOf(int i) => new()
    {
        WorkflowRunId = RunId(i),
        WorkflowUrl = UrlB,
        State = WireNames.ParseRunState("state", "RUN_FAILED"),
        CreatedAt = RunCreatedAt(i),
    };

    private static string Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The ids a request with <paramref name="name"/>=<paramref name="value"/> listed or acted on, in order, on a new DLQ of the sample.</summary>
    private async Task<string[]> ActedOnAsync(StoreKind kind, Sample sample, SelectionOperations operation, string name, string value)
    {
        using var directory = new TempDatabase();
        IDlqStore store = Open(kind, directory);
        try
        {
            await new DlqStoreWrites(store).AddAsync(FailedRuns.Many(EntryCount, i => sample.Make(i, Selected(i))));
            using var server = DlqTestServer.Create(store: store);
            using HttpClient http = server.CreateHttpClient();
            string[] all = await ListAsync(http, string.Empty);
            Assert.Equal(EntryCount, all.Length);

            (HttpMethod method, string path) = Operations[operation];
            string query = "?" + name + "=" + Uri.EscapeDataString(value);
            if (operation == SelectionOperations.List)
            {
                return await ListAsync(http, query);
            }

            string? cursor = null;
            do
            {
                using var request = new HttpRequestMessage(method, path + query + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
                request.Headers.TryAddWithoutValidation("Authorization", HttpHarness.Authorization);
                using HttpResponseMessage response = await http.SendAsync(request);
                string body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    break;
                }

                cursor = JsonDocument.Parse(body).RootElement.TryGetProperty("cursor", out JsonElement next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            }
            while (cursor is not null);

            // An async bulk action answers its id at once and acts in the background.
            await server.BulkActions.WaitUntilIdleAsync();

            string[] left = await ListAsync(http, string.Empty);
            return all.Except(left).ToArray();
        }
        finally
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The runs a request with <paramref name="name"/>=<paramref name="value"/> listed or canceled, in order, among the
    /// runs of the sample (all in progress when the operation cancels).
    /// </summary>
    private async Task<string[]> RunsActedOnAsync(StoreKind kind, RunSample sample, SelectionOperations operation, string name, string value)
    {
        using var directory = new TempDatabase();
        IDlqStore store = Open(kind, directory);
        try
        {
            bool cancels = operation != SelectionOperations.ListRuns;
            for (int i = 0; i < EntryCount; i++)
            {
                RunRecord run = sample.Make(i, sample.Selects(i));
                await store.SaveRunAsync(cancels ? run with { State = RunState.Started } : run);
            }

            using var server = DlqTestServer.Create(store: store);
            using HttpClient http = server.CreateHttpClient();
            (HttpMethod method, string path) = RunOperations[operation];
            if (!cancels)
            {
                Assert.Equal(EntryCount, (await ListRunsAsync(http, path, string.Empty)).Length);
                return await ListRunsAsync(http, path, "?" + name + "=" + Uri.EscapeDataString(value));
            }

            using var request = new HttpRequestMessage(method, path + "&" + name + "=" + Uri.EscapeDataString(value));
            request.Headers.TryAddWithoutValidation("Authorization", HttpHarness.Authorization);
            using HttpResponseMessage response = await http.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path} answered {(int)response.StatusCode}: {body}");
            string[] canceled = await ListRunsAsync(http, "/v2/workflows/logs", "?state=RUN_CANCELED");
            Assert.Equal(canceled.Length, JsonDocument.Parse(body).RootElement.GetProperty("cancelled").GetInt32());
            Assert.Equal(EntryCount - canceled.Length, (await ListRunsAsync(http, "/v2/workflows/logs", "?state=RUN_STARTED")).Length);
            return canceled;
        }
        finally
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private IDlqStore Open(StoreKind kind, TempDatabase directory) => kind switch
    {
        StoreKind.InMemory => new InMemoryDlqStore(),
        StoreKind.Sqlite => SqliteDlqStore.Open(directory.Path),
        _ => PostgreSqlDlqStore.Create(database.ConnectionString, new PostgreSqlDlqStoreOptions { Schema = "s_" + Guid.NewGuid().ToString("N") }),
    };

    /// <summary>Every run the run logs list for <paramref name="query"/>, page after page.</summary>
    private static async Task<string[]> ListRunsAsync(HttpClient http, string path, string query)
    {
        var runs = new List<string>();
        string? cursor = null;
        do
        {
            string target = path + query + (cursor is null ? string.Empty : (query.Length == 0 ? "?" : "&") + "cursor=" + Uri.EscapeDataString(cursor));
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            request.Headers.TryAddWithoutValidation("Authorization", HttpHarness.Authorization);
            using HttpResponseMessage response = await http.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {target} answered {(int)response.StatusCode}: {body}");
            JsonElement root = JsonDocument.Parse(body).RootElement;
            runs.AddRange(root.GetProperty("runs").EnumerateArray().Select(run => run.GetProperty("workflowRunId").GetString()!));
            cursor = root.TryGetProperty("cursor", out JsonElement next) && next.ValueKind == JsonValueKind.String && next.GetString()!.Length > 0 ? next.GetString() : null;
        }
        while (cursor is not null);

        return runs.ToArray();
    }

    private static async Task<string[]> ListAsync(HttpClient http, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/workflows/dlq" + query);
        request.Headers.TryAddWithoutValidation("Authorization", HttpHarness.Authorization);
        using HttpResponseMessage response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /v2/workflows/dlq{query} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("messages").EnumerateArray()
            .Select(message => message.GetProperty("dlqId").GetString()!).ToArray();
    }

    private sealed record Sample(string Value, string Miss, Func<int, bool, FailedRun> Make);

    private sealed record RunSample(string Value, string Miss, Func<int, bool, RunRecord> Make, Func<int, bool>? Picks = null)
    {
        public bool Selects(int i) => Picks?.Invoke(i) ?? i % 2 == 0;
    }
}

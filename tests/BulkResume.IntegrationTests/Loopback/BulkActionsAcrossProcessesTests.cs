using System.Net.Http.Headers;
using System.Text.Json;
using BulkResume.Engine.Tests.Storage.PostgreSql;
using static BulkResume.IntegrationTests.Loopback.EmulatorExecutableTests;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// Async bulk actions in the emulator program over loopback: 20,000 entries resumed exactly once and no other, also
/// with the process killed part way and started again on its SQLite file, and with two processes sharing one
/// PostgreSQL database.
/// </summary>
/// <remarks>
/// The actions are started and watched through the HTTP API itself (<see cref="BulkActionCalls"/>); the SDK's calls for
/// them land separately and can take its place.
/// </remarks>
[Collection(PostgreSqlCollection.Name)]
public sealed class BulkActionsAcrossProcessesTests(PostgreSqlServerFixture postgres)
{
    private const string Selected = "https://shop.example.com/api/workflows/orders";
    private const string Other = "https://shop.example.com/api/workflows/billing";
    private const int SelectedCount = 20_000;
    private const int OtherCount = 500;

    [Fact]
    public async Task An_async_resume_of_20000_entries_resumes_each_exactly_once_and_no_other()
    {
        await using var emulator = await RunningEmulator.StartAsync("--port", "0", "--token", Token, "--quiet");
        await SeedAsync(emulator.Url);

        string id = await BulkActionCalls.StartResumeAsync(emulator.Url, Selected);
        JsonElement action = await BulkActionCalls.WaitAsync(emulator.Url, id, finished: true);

        await AssertResumedExactlyOnceAsync(emulator.Url, action);
    }

    [Fact]
    public async Task An_async_resume_killed_part_way_carries_on_after_a_restart_on_its_sqlite_file()
    {
        using var file = new TemporaryDatabase();
        string[] args = ["--port", "0", "--token", Token, "--quiet", "--store", "sqlite:" + file.Path];
        string id;
        long processedBeforeKill;
        await using (var first = await RunningEmulator.StartAsync(args))
        {
            await SeedAsync(first.Url);
            id = await BulkActionCalls.StartResumeAsync(first.Url, Selected);
            processedBeforeKill = (await BulkActionCalls.WaitAsync(first.Url, id, finished: false, atLeast: 2_000)).GetProperty("processed").GetInt64();
            await first.KillAsync();
        }

        await using var second = await RunningEmulator.StartAsync(args);
        JsonElement action = await BulkActionCalls.WaitAsync(second.Url, id, finished: true);

        Assert.InRange(processedBeforeKill, 2_000, SelectedCount - 1);
        await AssertResumedExactlyOnceAsync(second.Url, action);
    }

    [SkippableFact]
    public async Task Two_emulators_on_one_postgresql_database_share_an_action_and_resume_each_entry_once()
    {
        string database = await postgres.CreateDatabaseAsync();
        string[] args = ["--port", "0", "--token", Token, "--quiet", "--store", "postgres:" + database];
        await using var first = await RunningEmulator.StartAsync(args);
        await using var second = await RunningEmulator.StartAsync(args);

        // Started on one, watched on the other: both workers find the unfinished action in the database and share its slices.
        await SeedAsync(first.Url);
        string id = await BulkActionCalls.StartResumeAsync(first.Url, Selected);
        JsonElement action = await BulkActionCalls.WaitAsync(second.Url, id, finished: true);

        await AssertResumedExactlyOnceAsync(second.Url, action);
    }

    private static async Task SeedAsync(Uri url)
    {
        foreach (int count in new[] { SelectedCount / 2, SelectedCount / 2 })
        {
            await AdminAsync(url, HttpMethod.Post, "/_emulator/seed", $$"""{"count":{{count}},"workflowUrl":"{{Selected}}"}""");
        }

        await AdminAsync(url, HttpMethod.Post, "/_emulator/seed", $$"""{"count":{{OtherCount}},"workflowUrl":"{{Other}}"}""");
    }

    /// <summary>Each selected entry left the DLQ as exactly one resumed run (a take makes one run of each entry it removes), and no other entry moved.</summary>
    private static async Task AssertResumedExactlyOnceAsync(Uri url, JsonElement action)
    {
        Assert.Equal("FINISHED", action.GetProperty("state").GetString());
        Assert.Equal(SelectedCount, action.GetProperty("total").GetInt64());
        Assert.Equal(SelectedCount, action.GetProperty("processed").GetInt64());
        using JsonDocument stats = JsonDocument.Parse(await AdminAsync(url, HttpMethod.Get, "/_emulator/stats"));
        Assert.Equal(OtherCount, stats.RootElement.GetProperty("dlq").GetInt64());
        Assert.Equal(SelectedCount, stats.RootElement.GetProperty("resumed").GetInt64());
        Assert.Equal(0, stats.RootElement.GetProperty("restarted").GetInt64());
    }

    /// <summary>The bulk action calls over raw HTTP, until the SDK's <c>StartBulkResumeAsync</c> and <c>BulkActions.GetAsync</c> replace them.</summary>
    private static class BulkActionCalls
    {
        public static async Task<string> StartResumeAsync(Uri url, string workflowUrl)
        {
            using HttpResponseMessage response = await SendAsync(url, HttpMethod.Post, "/v2/workflows/dlq/resume/bulk?workflowUrl=" + Uri.EscapeDataString(workflowUrl));
            using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("actionId").GetString()!;
        }

        /// <summary>Polls the action until it has finished (or, with <paramref name="finished"/> false, has processed at least <paramref name="atLeast"/>); processed never goes down meanwhile.</summary>
        public static async Task<JsonElement> WaitAsync(Uri url, string actionId, bool finished, long atLeast = 0)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            long seen = 0;
            while (true)
            {
                using HttpResponseMessage response = await SendAsync(url, HttpMethod.Get, "/v2/workflows/bulkActions/" + actionId);
                JsonElement action = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                long processed = action.GetProperty("processed").GetInt64();
                Assert.True(processed >= seen, $"processed went down from {seen} to {processed}");
                seen = processed;
                bool done = action.GetProperty("state").GetString() == "FINISHED";
                if (finished ? done : processed >= atLeast || done)
                {
                    return action;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(finished ? 100 : 5), timeout.Token);
            }
        }

        private static async Task<HttpResponseMessage> SendAsync(Uri url, HttpMethod method, string target)
        {
            using var http = new HttpClient { BaseAddress = url };
            using var request = new HttpRequestMessage(method, target);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            HttpResponseMessage response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{method} {target} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return response;
        }
    }
}

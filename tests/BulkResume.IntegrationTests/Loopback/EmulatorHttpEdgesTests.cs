using System.Text;
using System.Text.Json;
using BulkResume.Engine.Tests.Storage.PostgreSql;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// The HTTP edges issue 23 found, on every store: HEAD where GET is answered, Allow on every 405, a target in absolute
/// form, many small headers within the documented size, and a query that is not UTF-8.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class EmulatorHttpEdgesTests(PostgreSqlServerFixture postgres)
{
    public static TheoryData<string> Stores => StoreBackedEmulator.Stores;

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task HEAD_is_answered_as_GET_without_a_body_on_every_route_that_answers_GET(string store)
    {
        await using StoreBackedEmulator emulator = await StoreBackedEmulator.StartAsync(store, postgres);
        (_, string seeded) = await emulator.SendAsync(HttpMethod.Post, "/_emulator/seed", """{"count":1}""");
        string dlqId = JsonDocument.Parse(seeded).RootElement.GetProperty("dlqIds")[0].GetString()!;

        foreach (string target in new[]
        {
            "/v2/workflows/dlq", "/v2/workflows/dlq/" + dlqId, "/v2/dlq?source=workflow", "/v2/workflows/logs",
            "/v2/workflows/events?groupBy=workflowRunId", "/_emulator", "/_emulator/stats", "/health",
        })
        {
            (int get, _) = await emulator.SendAsync(HttpMethod.Get, target);
            (int head, string body) = await emulator.SendAsync(HttpMethod.Head, target);

            Assert.True((get, head, body) == (200, 200, ""), $"{target}: GET {get}, HEAD {head} '{body}'");
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Every_405_says_in_Allow_which_methods_the_path_answers(string store)
    {
        await using StoreBackedEmulator emulator = await StoreBackedEmulator.StartAsync(store, postgres);

        foreach ((string method, string target, string allow) in new[]
        {
            ("PUT", "/v2/workflows/dlq", "GET, HEAD, DELETE"), ("GET", "/v2/workflows/dlq/resume", "POST"), ("POST", "/health", "GET, HEAD"),
            ("GET", "/_emulator/seed", "POST"), ("DELETE", "/_emulator/stats", "GET, HEAD"), ("POST", "/_emulator", "GET, HEAD"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), target);
            request.Headers.Authorization = new("Bearer", emulator.Emulator.Token);
            using HttpResponseMessage response = await emulator.Http.SendAsync(request);

            Assert.Equal(405, (int)response.StatusCode);
            Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
            Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()));
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_target_in_absolute_form_is_routed_by_its_path_and_query(string store)
    {
        await using StoreBackedEmulator emulator = await StoreBackedEmulator.StartAsync(store, postgres);
        await emulator.SendAsync(HttpMethod.Post, "/_emulator/seed", """{"count":2,"labels":["eu"]}""");

        (int status, _, string body) = await emulator.SendRawAsync(Encoding.ASCII.GetBytes(
            $"GET http://{emulator.Emulator.Url.Authority}/v2/workflows/dlq?label=eu HTTP/1.1\r\nHost: {emulator.Emulator.Url.Authority}\r\nAuthorization: Bearer {emulator.Emulator.Token}"));

        Assert.Equal(200, status);
        Assert.Equal(2, JsonDocument.Parse(body).RootElement.GetProperty("messages").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_thousand_small_headers_within_32_KiB_are_served(string store)
    {
        await using StoreBackedEmulator emulator = await StoreBackedEmulator.StartAsync(store, postgres);
        string headers = string.Concat(Enumerable.Range(0, 1000).Select(i => $"\r\nX-{i}: v"));

        (int status, _, string body) = await emulator.SendRawAsync(Encoding.ASCII.GetBytes(
            $"GET /v2/workflows/dlq HTTP/1.1\r\nHost: {emulator.Emulator.Url.Authority}\r\nAuthorization: Bearer {emulator.Emulator.Token}{headers}"));

        Assert.True(status == 200, $"{status} '{body}'");
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_query_value_that_is_not_UTF_8_is_400_naming_the_parameter(string store)
    {
        await using StoreBackedEmulator emulator = await StoreBackedEmulator.StartAsync(store, postgres);
        await emulator.SendAsync(HttpMethod.Post, "/_emulator/seed", """{"count":1}""");

        (int list, string listBody) = await emulator.SendAsync(HttpMethod.Get, "/v2/workflows/dlq?label=%FF%FE");
        (int delete, string deleteBody) = await emulator.SendAsync(HttpMethod.Delete, "/v2/workflows/dlq?workflowUrl=a%C3");

        Assert.Equal((400, 400), (list, delete));
        Assert.StartsWith("label is not UTF-8", JsonDocument.Parse(listBody).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("workflowUrl is not UTF-8", JsonDocument.Parse(deleteBody).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await emulator.Emulator.Store.GetStatisticsAsync()).DlqEntryCount);
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Storage.PostgreSql;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// Random requests against every route of the emulator (the DLQ and run-logs API, the admin API, health), on every
/// store: random methods, parameter names and values (blank, huge, negative, control characters, bytes that are not
/// UTF-8, forged and tampered cursors), override headers and bodies. No answer may be a 5xx, a 4xx must carry its
/// JSON error and change nothing. Seeded: a failure names the seed, and BULKRESUME_FUZZ_SEED=N replays it.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class HttpSurfaceFuzzTests(PostgreSqlServerFixture postgres)
{
    private const int Cases = 1000;

    private static readonly string[] Methods = ["GET", "GET", "POST", "POST", "DELETE", "HEAD", "PUT", "PATCH", "OPTIONS", "FROB"];

    private static readonly string[] Routes =
    [
        "/v2/workflows/dlq", "/v2/workflows/dlq/{id}", "/v2/workflows/dlq/resume", "/v2/workflows/dlq/resume/{id}",
        "/v2/workflows/dlq/restart", "/v2/workflows/dlq/restart/{id}", "/v2/workflows/dlq/callback/{id}", "/v2/dlq",
        "/v2/workflows/logs", "/v2/workflows/events", "/_emulator", "/_emulator/stats", "/_emulator/seed", "/health",
        "/{id}", "/v2/workflows/dlq/{id}/{id}",
    ];

    private static readonly string[] Names =
    [
        "cursor", "count", "fromDate", "toDate", "workflowUrl", "workflowRunId", "workflowCreatedAt", "label", "failureFunctionState",
        "callerIp", "flowControlKey", "dlqIds", "workflowRuns", "state", "trimBody", "groupBy", "source", "qstash_token",
        "failureCallbackState", "callerIP", "Label", "", "%00", "%FF", "a%00b", "count[]",
    ];

    private static readonly string[] Headers =
    [
        "Upstash-Retries", "Upstash-Delay", "Upstash-Retry-Delay", "Upstash-Flow-Control-Key", "Upstash-Flow-Control-Value",
        "Upstash-Label", "Upstash-Failure-Callback",
    ];

    public static TheoryData<string> Stores => StoreBackedEmulator.Stores;

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Random_requests_are_never_a_5xx_and_a_4xx_changes_nothing(string store)
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("BULKRESUME_FUZZ_SEED"), CultureInfo.InvariantCulture, out int given) ? given : Random.Shared.Next();
        var random = new Random(seed);
        await using StoreBackedEmulator emulator = await StoreBackedEmulator.StartAsync(store, postgres);
        (_, string seeded) = await emulator.SendAsync(HttpMethod.Post, "/_emulator/seed", """{"count":30,"labels":["eu","billing"],"flowControlKey":"tenant-a"}""");
        var ids = JsonDocument.Parse(seeded).RootElement.GetProperty("dlqIds").EnumerateArray().Select(id => id.GetString()!).ToList();
        var cursors = new List<string>();
        string before = await SnapshotAsync(emulator.Emulator.Store);

        for (int i = 0; i < Cases; i++)
        {
            using HttpRequestMessage request = Request(random, emulator, ids, cursors);
            string described = $"{request.Method} {request.RequestUri} {string.Join(" ", request.Headers.Where(h => h.Key.StartsWith("Upstash", StringComparison.Ordinal)).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"))}";
            using HttpResponseMessage response = await emulator.Http.SendAsync(request);
            int status = (int)response.StatusCode;
            string body = await response.Content.ReadAsStringAsync();
            string replay = $"case {i} of seed {seed} (replay with BULKRESUME_FUZZ_SEED={seed}) on {store}: {described} was answered {status} {body}";

            Assert.True(status < 500, replay);
            if (status >= 400)
            {
                // Without a body only where docs/emulator.md says so: HEAD, and Kestrel's refusal of a NUL (%00) in the path.
                bool documentedEmpty = request.Method == HttpMethod.Head || request.RequestUri!.OriginalString.Split('?')[0].Contains("%00", StringComparison.Ordinal);
                Assert.True(documentedEmpty || ErrorOf(body) is { Length: > 0 }, replay);
                Assert.True(await SnapshotAsync(emulator.Emulator.Store) == before, "a 4xx changed the store: " + replay);
            }
            else if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
            {
                before = await SnapshotAsync(emulator.Emulator.Store);
            }

            if (status == 200 && body.Length > 0 && JsonDocument.Parse(body).RootElement is { ValueKind: JsonValueKind.Object } answer)
            {
                if (answer.TryGetProperty("cursor", out JsonElement cursor) && cursor.ValueKind == JsonValueKind.String)
                {
                    cursors.Add(cursor.GetString()!);
                }

                if (answer.TryGetProperty("dlqIds", out JsonElement newIds) && newIds.ValueKind == JsonValueKind.Array)
                {
                    ids.AddRange(newIds.EnumerateArray().Select(id => id.GetString()!));
                }
            }
        }
    }

    private static HttpRequestMessage Request(Random random, StoreBackedEmulator emulator, List<string> ids, List<string> cursors)
    {
        string path = string.Join('/', Pick(random, Routes).Split('/').Select(segment => segment == "{id}" ? Id(random, ids) : segment));
        var query = new StringBuilder();
        for (int i = random.Next(4); i > 0; i--)
        {
            string name = random.Next(8) == 0 ? Text(random, 12) : Pick(random, Names);
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Value(random, name, ids, cursors));
        }

        var request = new HttpRequestMessage(new HttpMethod(Pick(random, Methods)), path + query);
        if (random.Next(10) > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", random.Next(20) == 0 ? "not-the-token" : emulator.Emulator.Token);
        }

        for (int i = random.Next(3); i > 0; i--)
        {
            request.Headers.TryAddWithoutValidation(Pick(random, Headers), Printable(random, Pick(random, ["3", "10s", "-1", "pow(2, retried)", "tenant-a", "parallelism=2", "rate=0", "eu,,x", "https://example.com/f", "", "99999999999"])));
        }

        if (request.Method == HttpMethod.Post && random.Next(2) == 0)
        {
            string json = Pick(random, [
                """{"count":2}""", """{"count":0}""", """{"count":3,"failedAt":-62135596800000}""", """{"entries":[{"workflowUrl":"https://a/w","dlqId":"x"}]}""",
                """{"entries":[{"workflowUrl":"https://a/\u0000"}]}""", """{"count":1,"bogus":1}""", """{"count":""", "[]", "null", "{}",
                """{"entries":[{"workflowUrl":"https://a/w","callerIP":"not-an-ip","labels":[""]}]}""", """{"count":1,"workflowUrl":""}""",
            ]);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>A value for <paramref name="name"/>: often a sensible one, often not, already percent-encoded.</summary>
    private static string Value(Random random, string name, List<string> ids, List<string> cursors) => random.Next(12) switch
    {
        0 => string.Empty,
        1 => "%00",
        2 => "%FF%FE",
        3 => Uri.EscapeDataString(Text(random, random.Next(1, 300))),
        4 => random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture),
        5 => cursors.Count > 0 ? Tampered(random, Pick(random, cursors)) : "AQID",
        6 => Convert.ToBase64String(RandomBytes(random)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        7 => Id(random, ids),
        8 => ",,,",
        9 => random.Next(-5, 200).ToString(CultureInfo.InvariantCulture),
        _ => name switch
        {
            "label" => "eu",
            "flowControlKey" => "tenant-a",
            "workflowUrl" => Uri.EscapeDataString("https://example.com/api/workflow"),
            "callerIp" => "10.0.0.1",
            "groupBy" => "workflowRunId",
            "source" => "workflow",
            "state" => Pick(random, ["RUN_FAILED", "RUN_STARTED", "nope"]),
            "failureFunctionState" => Pick(random, ["CALLBACK_FAIL", "CALLBACK_SUCCESS", "x"]),
            _ => Id(random, ids),
        },
    };

    /// <summary>A real id, a random one, or one with bytes a store can't keep; percent-encoded, as a path segment.</summary>
    private static string Id(Random random, List<string> ids) => random.Next(4) switch
    {
        0 => Uri.EscapeDataString(Text(random, random.Next(1, 40))),
        1 => "%00",
        2 => "a%FFb",
        _ => ids.Count > 0 ? Uri.EscapeDataString(Pick(random, ids)) : "x",
    };

    /// <summary>A cursor an answer gave, with one character changed: a forgery a caller can make.</summary>
    private static string Tampered(Random random, string cursor)
    {
        char[] chars = cursor.ToCharArray();
        chars[random.Next(chars.Length)] = Pick(random, ["A", "_", "-", "z"])[0];
        return new string(chars);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 80)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Text with anything in it that can be percent-encoded: control characters, NUL, non-ASCII.</summary>
    private static string Text(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => random.Next(6) switch
        {
            0 => (char)random.Next(0, 32),
            1 => (char)random.Next(0x80, 0xD7FF),
            2 => (char)random.Next(0xE000, 0xFFFD),
            _ => (char)random.Next(32, 127),
        }).ToArray());

    private static string Printable(Random random, string value) => random.Next(8) == 0 ? value + Text(random, 3).Where(c => c is >= ' ' and < '\u007f').Aggregate(string.Empty, (text, c) => text + c) : value;

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string? ErrorOf(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("error").GetString();
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>What a refused request must leave as it was: the entries and the runs by state and origin.</summary>
    private static async Task<string> SnapshotAsync(IDlqStore store)
    {
        DlqStoreStatistics statistics = await store.GetStatisticsAsync();
        return statistics.DlqEntryCount + " "
            + string.Join(",", statistics.RunsByState.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}={pair.Value}")) + " "
            + string.Join(",", statistics.RunsByOrigin.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}={pair.Value}"));
    }
}

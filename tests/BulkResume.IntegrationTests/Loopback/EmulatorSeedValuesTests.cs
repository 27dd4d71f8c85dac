using System.Text.Json;
using BulkResume.Engine.Tests.Storage.PostgreSql;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// What issue 23 found in the admin seed, on every store: values PostgreSQL could not keep (a long URL, a NUL) were 500s
/// there and kept elsewhere; a date in year 1, a blank URL or id were 500s everywhere; error texts named a field twice.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class EmulatorSeedValuesTests(PostgreSqlServerFixture postgres)
{
    public static TheoryData<string> Stores => StoreBackedEmulator.Stores;

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_workflow_url_of_2800_characters_is_seeded_and_found_and_one_past_the_limit_is_400(string store)
    {
        await using StoreBackedEmulator emulator = await StoreBackedEmulator.StartAsync(store, postgres);
        string url = "https://example.com/" + RandomLetters(2780);
        string tooLong = "https://example.com/" + RandomLetters(4077);

        (int seeded, _) = await emulator.SendAsync(HttpMethod.Post, "/_emulator/seed", Seed(url));
        (int refused, string refusal) = await emulator.SendAsync(HttpMethod.Post, "/_emulator/seed", Seed(tooLong));
        (int listed, string list) = await emulator.SendAsync(HttpMethod.Get, "/v2/workflows/dlq?workflowUrl=" + Uri.EscapeDataString(url));

        Assert.Equal((200, 400, 200), (seeded, refused, listed));
        Assert.StartsWith("workflowUrl is 4097 characters long; at most 4096 are kept.", Error(refusal), StringComparison.Ordinal);
        JsonElement message = Assert.Single(JsonDocument.Parse(list).RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal(url, message.GetProperty("workflowUrl").GetString());
    }

    /// <summary>Seeds refused with a 400 whose text starts as given: NULs, blank values, unknown fields, JSON cut short.</summary>
    public static TheoryData<string, string, string> Refusals()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string store in StoreBackedEmulator.Stores)
        {
            data.Add(store, """{"count":1,"labels":["eu\u0000"]}""", "labels[0] contains a control character");
            data.Add(store, """{"count":1,"workflowUrl":"https://a/w\u0000"}""", "workflowUrl contains a control character");
            data.Add(store, """{"entries":[{"workflowUrl":"https://a/w","dlqId":"d\u0000"}]}""", "entries[0].dlqId contains a control character");
            data.Add(store, """{"entries":[{"workflowUrl":"https://a/w","body":"\u0000"}]}""", "entries[0].body contains a NUL");
            data.Add(store, """{"entries":[{"workflowUrl":""}]}""", "entries[0].workflowUrl is blank; give it a value or leave it out.");
            data.Add(store, """{"entries":[{"workflowUrl":"https://a/w","dlqId":""}]}""", "entries[0].dlqId is blank; give it a value or leave it out.");
            data.Add(store, """{"count":1,"workflowUrl":" "}""", "workflowUrl is blank; give it a value or leave it out.");
            data.Add(store, """{"count":1,"bogus":2}""", "bogus is not a field of this endpoint;");
            data.Add(store, """{"count":1,"failNext":{"bogus":2}}""", "failNext is not a field of this endpoint;");
            data.Add(store, """{"count":1,"workflowUrl":"https://a/w""", "The body is not valid JSON (line 1, byte ");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_seed_failing_in_the_first_minute_of_year_1_is_kept_and_listed(string store)
    {
        await using StoreBackedEmulator emulator = await StoreBackedEmulator.StartAsync(store, postgres);
        long first = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

        // The short form dates the last entry at failedAt and the other a millisecond before it: at the first a date holds.
        (int shortForm, string shortBody) = await emulator.SendAsync(HttpMethod.Post, "/_emulator/seed", $$"""{"count":2,"failedAt":{{first + 1}}}""");
        (int fullForm, string fullBody) = await emulator.SendAsync(HttpMethod.Post, "/_emulator/seed", $$"""{"entries":[{"workflowUrl":"https://a/w","createdAt":{{first + 30_000}}}]}""");
        (int listed, string list) = await emulator.SendAsync(HttpMethod.Get, "/v2/workflows/dlq");

        Assert.True((shortForm, fullForm, listed) == (200, 200, 200), $"{shortForm} {shortBody} {fullForm} {fullBody} {listed}");
        Assert.Equal(
            [first, first + 1, first + 30_000],
            JsonDocument.Parse(list).RootElement.GetProperty("messages").EnumerateArray().Select(message => message.GetProperty("createdAt").GetInt64()));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_seed_with_a_NUL_a_blank_value_an_unknown_field_or_cut_short_json_is_400_saying_so_once_and_seeds_nothing(string store, string json, string expected)
    {
        await using StoreBackedEmulator emulator = await StoreBackedEmulator.StartAsync(store, postgres);

        (int status, string body) = await emulator.SendAsync(HttpMethod.Post, "/_emulator/seed", json);

        Assert.Equal(400, status);
        Assert.StartsWith(expected, Error(body), StringComparison.Ordinal);
        Assert.Equal(0, (await emulator.Emulator.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    private static string Seed(string url) => JsonSerializer.Serialize(new { count = 1, workflowUrl = url });

    private static string Error(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!;

    /// <summary>Letters no compression shortens much, so that a store's index sees the value's full length.</summary>
    private static string RandomLetters(int length)
    {
        var random = new Random(length);
        return new string(Enumerable.Range(0, length).Select(_ => (char)('a' + random.Next(26))).ToArray());
    }
}

using System.Net;
using System.Net.Http.Headers;
using BulkResume.Console.Tests.Support;
using BulkResume.Engine;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkResume.Console.Tests;

/// <summary>The emulator's controls: stats, faults (latency, fail next, burst limit) and reset after a confirmation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EmulatorControlsTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Stats_are_the_engines_faults_reach_the_api_and_reset_happens_only_once_confirmed()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        DlqEntry[] entries = Seeds.Checkouts(6, Seeds.AnHourAgo);
        await session.Emulator.Engine.DeadLetterAsync(entries);
        await session.Emulator.Engine.ResumeAsync(entries[0].DlqId);
        await session.SignInAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Emulator" }).ClickAsync();

        await Expect(session.Page.Locator("#stats")).ToContainTextAsync("In the DLQ5");
        await Expect(session.Page.Locator("#stats")).ToContainTextAsync("Resumed runs1");
        await Expect(session.Page.Locator("#stats")).ToContainTextAsync("Runs RUN_STARTED1");

        await session.Page.GetByLabel("Latency (ms)").FillAsync("25");
        await session.Page.GetByLabel("Fail next (requests)").FillAsync("2");
        await session.Page.GetByLabel("Fail with status").FillAsync("502");
        await session.Page.GetByLabel("Burst limit (requests a second)").FillAsync("1000");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Apply faults" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Faults applied to the next API requests.");
        Assert.Equal(TimeSpan.FromMilliseconds(25), session.Emulator.Faults.Latency);
        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK], await ListThriceAsync(session));
        await session.ScreenshotAsync("emulator-controls");

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Clear faults" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Every fault was removed.");
        Assert.Equal(TimeSpan.Zero, session.Emulator.Faults.Latency);

        // A burst limit of 1 a second: of three calls at once, at least one is refused 429.
        await session.Page.GetByLabel("Latency (ms)").FillAsync(string.Empty);
        await session.Page.GetByLabel("Fail next (requests)").FillAsync(string.Empty);
        await session.Page.GetByLabel("Burst limit (requests a second)").FillAsync("1");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Apply faults" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Faults applied to the next API requests.");
        Assert.Contains(HttpStatusCode.TooManyRequests, await ListThriceAsync(session));
        Assert.True(session.Emulator.Faults.RateLimitedCount >= 1);

        // A bound the admin API refuses is shown in its words, naming the field.
        await session.Page.GetByLabel("Burst limit (requests a second)").FillAsync("100001");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Apply faults" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("burstLimit must be from 0 to 100000");

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Reset the emulator" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Reset the emulator?" })).ToBeVisibleAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Keep everything" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        Assert.Equal(5, (await session.Emulator.Store.GetStatisticsAsync()).DlqEntryCount);

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Reset the emulator" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Reset", Exact = true }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The emulator was reset");
        await Expect(session.Page.Locator("#stats")).ToContainTextAsync("In the DLQ0");
        var after = await session.Emulator.Store.GetStatisticsAsync();
        Assert.Equal((0L, 0L), (after.DlqEntryCount, after.RunsByState.Values.Sum()));
        Assert.Equal(0, session.Emulator.Faults.RateLimitedCount);
        session.AssertNothingLeaked();
    }

    private static async Task<HttpStatusCode[]> ListThriceAsync(ConsoleSession session)
    {
        using var http = new HttpClient { BaseAddress = session.Emulator.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Emulator.Token);
        var statuses = new HttpStatusCode[3];
        for (int i = 0; i < statuses.Length; i++)
        {
            using HttpResponseMessage response = await http.GetAsync("/v2/workflows/dlq?count=1");
            statuses[i] = response.StatusCode;
        }

        return statuses;
    }
}

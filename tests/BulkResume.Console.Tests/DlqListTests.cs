using System.Globalization;
using BulkResume.Console.Tests.Support;
using BulkResume.Engine;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkResume.Console.Tests;

/// <summary>Browsing the DLQ: each filter, newest first, paged, the total, and what a row shows.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DlqListTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Each_filter_lists_what_the_engine_selects_newest_first_with_its_total()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        DateTimeOffset start = Seeds.AnHourAgo;
        DlqEntry[] early = Seeds.Checkouts(4, start, "eu");
        DlqEntry[] late = Seeds.Checkouts(3, start.AddMinutes(30), "us");
        DlqEntry withCallback = FailedRun.For(Seeds.Email).FailedAt(start.AddMinutes(40))
            .WithRunId("wfr_callbackrun").WithFailureCallback("https://shop.example.com/api/failed", CallbackState.Fail).Build();
        await session.Emulator.Engine.DeadLetterAsync([.. early, .. late, withCallback]);
        await session.SignInAsync();
        await Expect(session.Page.GetByText("8 matching", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(session.Rows.First.GetByRole(AriaRole.Link)).ToHaveTextAsync(withCallback.DlqId);
        await Expect(session.Rows.Last.GetByRole(AriaRole.Link)).ToHaveTextAsync(early[0].DlqId);

        await ApplyAsync(session, "Label", "us");
        await ExpectListedAsync(session, late);

        // The date fields take local time (the browser's zone is New York): the minute of the last early failure, then everything after it.
        await session.Page.GetByLabel("Label", new() { Exact = true }).FillAsync(string.Empty);
        await ApplyAsync(session, "Failed before", LocalMinute(early[^1].CreatedAt.AddMinutes(1)));
        await ExpectListedAsync(session, early);
        await session.Page.GetByLabel("Failed before").FillAsync(string.Empty);
        await ApplyAsync(session, "Failed after", LocalMinute(start.AddMinutes(20)));
        await ExpectListedAsync(session, [.. late, withCallback]);

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await ApplyAsync(session, "Run id", "wfr_callback");
        await ExpectListedAsync(session, [withCallback]);

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Expect(session.Page.GetByText("8 matching", new() { Exact = true })).ToBeVisibleAsync();
        await session.Page.GetByLabel("Failure callback state").SelectOptionAsync(new SelectOptionValue { Label = "Failed" });
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await ExpectListedAsync(session, [withCallback]);

        // A comma would be read by the API as two values: the console refuses it rather than select something else.
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await ApplyAsync(session, "Label", "eu,us");
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Label holds a comma");
        session.AssertNothingLeaked();
    }

    [Fact]
    public async Task A_row_shows_its_id_as_a_link_url_local_failure_time_with_utc_on_hover_status_and_labels_and_pages_hold_25()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        DlqEntry[] entries = Seeds.Checkouts(60, Seeds.AnHourAgo, "eu", "vip");
        await session.Emulator.Engine.DeadLetterAsync(entries);
        await session.SignInAsync();
        await Expect(session.Page.GetByText("60 matching", new() { Exact = true })).ToBeVisibleAsync();

        DlqEntry newest = entries[^1];
        ILocator row = session.Rows.First;
        ILocator failedAt = row.Locator("time");
        string utc = newest.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC";
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = newest.DlqId })).ToHaveAttributeAsync("href", $"#/entry/{newest.DlqId}");
        await Expect(row).ToContainTextAsync(Seeds.Checkout);
        await Expect(failedAt).ToHaveAttributeAsync("title", utc);
        await Expect(failedAt).ToHaveTextAsync(TimeZoneInfo.ConvertTime(newest.CreatedAt, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"))
            .ToString("M/d/yyyy, h:mm:ss tt", CultureInfo.InvariantCulture));
        await Expect(row).ToContainTextAsync("502");
        await Expect(row).ToContainTextAsync("eu");
        await Expect(row).ToContainTextAsync("vip");

        await Expect(session.Rows).ToHaveCountAsync(25);
        await Expect(session.Page.GetByText("Page 1 of 3")).ToBeVisibleAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(session.Rows).ToHaveCountAsync(10);
        await Expect(session.Rows.Last.GetByRole(AriaRole.Link)).ToHaveTextAsync(entries[0].DlqId);
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeDisabledAsync();
        session.AssertNothingLeaked();
    }

    [Fact]
    public async Task Past_the_10000_it_reads_the_console_says_it_does_not_know_the_total_and_offers_no_all_matching_action()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        await session.Emulator.Engine.DeadLetterAsync(Seeds.Emails(10_001, Seeds.AnHourAgo.AddHours(-3)));
        await session.SignInAsync();

        await Expect(session.Page.GetByText("More than 10000 matching", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(session.Page.GetByText("narrow the filter to see the rest")).ToBeVisibleAsync();
        foreach (string verb in new[] { "Resume", "Restart", "Delete" })
        {
            await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = $"{verb} all matching" })).ToBeDisabledAsync();
        }

        await Expect(session.Rows).ToHaveCountAsync(25);
        session.AssertNothingLeaked();
    }

    private static async Task ApplyAsync(ConsoleSession session, string field, string value)
    {
        await session.Page.GetByLabel(field, new() { Exact = true }).FillAsync(value);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
    }

    /// <summary>The list shows exactly these entries, newest first, with their number as the total.</summary>
    private static async Task ExpectListedAsync(ConsoleSession session, DlqEntry[] expected)
    {
        await Expect(session.Page.GetByText($"{expected.Length} matching", new() { Exact = true })).ToBeVisibleAsync();
        string[] newestFirst = expected.OrderByDescending(entry => entry.CreatedAt).Select(entry => entry.DlqId).ToArray();
        await Expect(session.Rows.GetByRole(AriaRole.Link)).ToHaveTextAsync(newestFirst);
    }

    /// <summary>A datetime-local value in the browser's zone, to the minute.</summary>
    private static string LocalMinute(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}

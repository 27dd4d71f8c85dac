using System.Text.Json;
using BulkResume.Console.Tests.Support;
using BulkResume.Engine;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkResume.Console.Tests;

/// <summary>
/// The async bulk actions in the console: the "all matching" dialog starts one and watches it, the Bulk actions view
/// lists them with their progress, and the engine's rules (hold, identical requests, 409) show as a person sees them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BulkActionsViewTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task A_held_action_shows_in_progress_after_the_dialog_is_closed_then_finishes_with_processed_equal_to_total_each_entry_resumed_once()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        DlqEntry[] checkouts = Seeds.Checkouts(120, Seeds.AnHourAgo, "eu");
        DlqEntry[] emails = Seeds.Emails(30, Seeds.AnHourAgo.AddMinutes(1));
        await session.Emulator.Engine.DeadLetterAsync([.. checkouts, .. emails]);
        await session.SignInAsync();
        await session.FilterByWorkflowUrlAsync(Seeds.Checkout);
        await Expect(session.Page.GetByText("120 matching", new() { Exact = true })).ToBeVisibleAsync();

        await session.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"holdBulkActions":true}""");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Resume all matching" }).ClickAsync();
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Resume 120 runs" }).ClickAsync();
        await Expect(session.Dialog.GetByRole(AriaRole.Progressbar, new() { Name = "Resuming: 0 of 120" })).ToBeVisibleAsync();
        await Expect(session.Dialog).ToContainTextAsync("Closing this dialog stops watching, not the action");
        await session.ScreenshotAsync("bulk-action-watching");
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(session.Dialog).ToBeHiddenAsync();

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Bulk actions" }).ClickAsync();
        ILocator row = session.ActionRows;
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("resume");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("In progress");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("0 / 120");
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync($"workflowUrl={Seeds.Checkout}");
        await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync(string.Empty);
        await session.ScreenshotAsync("bulk-actions-held", docImage: "console-bulk-actions");

        // Released, the action carries on and the view, still open, reads it again until it has finished.
        await session.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"holdBulkActions":false}""");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("Finished");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("120 / 120");
        await Expect(row.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("value", "120");
        await Expect(row.Locator("td").Nth(6).Locator("time")).ToHaveCountAsync(1);

        await row.GetByRole(AriaRole.Link).ClickAsync();
        ILocator details = session.Page.Locator("#action-detail");
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Bulk action bulk_" })).ToBeVisibleAsync();
        await Expect(details).ToContainTextAsync("Processed120");
        await Expect(details).ToContainTextAsync("Total120");

        IReadOnlyList<RunRecord> resumed = await EngineState.RunsAsync(session.Emulator, WorkflowRunOrigin.Resumed);
        Assert.Equal(EngineState.Ids(checkouts), resumed.Select(run => run.SourceDlqId!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(EngineState.Ids(emails), EngineState.Ids(await EngineState.EntriesAsync(session.Emulator)));
        session.AssertNothingLeaked();
    }

    [Fact]
    public async Task The_state_filter_reads_past_a_page_that_holds_none_of_that_state_while_a_cursor_remains()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        await session.Emulator.Engine.DeadLetterAsync(Seeds.Checkouts(10, Seeds.AnHourAgo));

        // 100 finished actions (deletes that match nothing), dated an hour ahead so that the list, newest first, shows
        // them on its first page of 100; then one held resume, dated now, alone on the second page.
        await session.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"clockOffsetMs":3600000}""");
        for (int i = 0; i < 100; i++)
        {
            await session.AdminAsync(HttpMethod.Delete, $"/v2/workflows/dlq/bulk?label=nothing-{i}");
        }

        await session.Emulator.BulkActions.WaitUntilIdleAsync();
        await session.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"clockOffsetMs":0,"holdBulkActions":true}""");
        string held = ActionId(await session.AdminAsync(HttpMethod.Post, $"/v2/workflows/dlq/resume/bulk?workflowUrl={Uri.EscapeDataString(Seeds.Checkout)}"));
        await session.SignInAsync();

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Bulk actions" }).ClickAsync();
        await Expect(session.Page.GetByText("101 bulk actions", new() { Exact = true })).ToBeVisibleAsync();
        await session.Page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "In progress" });
        await Expect(session.Page.GetByText("1 bulk action in progress", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(session.ActionRows).ToHaveCountAsync(1);
        await Expect(session.ActionRows.GetByRole(AriaRole.Link)).ToHaveTextAsync(held);
        Assert.Contains(session.RequestedUrls, url => url.Contains("state=IN_PROGRESS", StringComparison.Ordinal) && url.Contains("cursor=", StringComparison.Ordinal));

        await session.Page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Finished" });
        await Expect(session.Page.GetByText("100 bulk actions finished", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(session.ActionRows.Filter(new() { HasText = "In progress" })).ToHaveCountAsync(0);
        await Expect(session.ActionRows.Filter(new() { HasText = "label=nothing-0" })).ToHaveCountAsync(1);
        await session.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"reset":true}""");
        session.AssertNothingLeaked();
    }

    [Fact]
    public async Task The_same_selection_with_other_overrides_while_one_is_held_is_a_clear_409_in_the_dialog_and_the_same_overrides_watch_the_running_one()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        DlqEntry[] checkouts = Seeds.Checkouts(40, Seeds.AnHourAgo);
        await session.Emulator.Engine.DeadLetterAsync(checkouts);
        await session.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"holdBulkActions":true}""");
        string running = ActionId(await session.AdminAsync(
            HttpMethod.Post, $"/v2/workflows/dlq/resume/bulk?workflowUrl={Uri.EscapeDataString(Seeds.Checkout)}", null, ("Upstash-Retries", "5")));
        await session.SignInAsync();
        await session.FilterByWorkflowUrlAsync(Seeds.Checkout);
        await Expect(session.Page.GetByText("40 matching", new() { Exact = true })).ToBeVisibleAsync();

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Resume all matching" }).ClickAsync();
        await session.Dialog.GetByLabel("Retries", new() { Exact = true }).FillAsync("2");
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Resume 40 runs" }).ClickAsync();
        ILocator error = session.Dialog.GetByRole(AriaRole.Alert);
        await Expect(error).ToContainTextAsync("Nothing was started.");
        await Expect(error).ToContainTextAsync("409");
        await Expect(error).ToContainTextAsync($"already running as action {running}, with other override headers");
        await session.ScreenshotAsync("bulk-action-409");

        // The form is back, to change: with the running action's overrides the dialog watches that action.
        await Expect(session.Dialog.GetByLabel("Retries", new() { Exact = true })).ToBeEnabledAsync();
        await session.Dialog.GetByLabel("Retries", new() { Exact = true }).FillAsync("5");
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Resume 40 runs" }).ClickAsync();
        await Expect(session.Dialog.GetByRole(AriaRole.Progressbar, new() { Name = "Resuming: 0 of 40" })).ToBeVisibleAsync();
        await Expect(error).ToBeHiddenAsync();
        await Expect(session.Dialog.GetByRole(AriaRole.Link, new() { Name = "see it in Bulk actions" }))
            .ToHaveAttributeAsync("href", $"#/actions/{running}");
        await session.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"holdBulkActions":false}""");
        await Expect(session.Dialog.GetByText("Resumed 40", new() { Exact = true })).ToBeVisibleAsync();

        IReadOnlyList<RunRecord> resumed = await EngineState.RunsAsync(session.Emulator, WorkflowRunOrigin.Resumed);
        Assert.Equal(EngineState.Ids(checkouts), resumed.Select(run => run.SourceDlqId!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(resumed, run => Assert.Equal(5, run.Configuration.Retries));
        session.AssertNothingLeaked();
    }

    private static string ActionId(string json) => JsonDocument.Parse(json).RootElement.GetProperty("actionId").GetString()!;
}

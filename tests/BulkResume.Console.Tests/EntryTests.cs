using BulkResume.Console.Tests.Support;
using BulkResume.Engine;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkResume.Console.Tests;

/// <summary>One entry: its message, its run's steps, and the actions on it, each checked in the engine.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EntryTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task An_entry_shows_its_message_and_failure_callback_and_its_callback_is_retried_then_canceled()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        DlqEntry entry = FailedRun.For(Seeds.Checkout)
            .FailedAt(Seeds.AnHourAgo)
            .FailedAtStep(Seeds.FailedStep, "reserve-stock", Seeds.FailedStep)
            .WithBody("{\"order\":42}")
            .WithResponseStatus(503, "upstream busy")
            .WithFailureCallback("https://shop.example.com/api/failed", CallbackState.Fail)
            .Build();
        await session.Emulator.Engine.DeadLetterAsync(entry);
        await session.SignInAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = entry.DlqId }).ClickAsync();

        ILocator message = session.Page.Locator("#entry-message");
        foreach (string shown in new[] { "POST", "Content-Type", "application/json", "{\"order\":42}", "503", "upstream busy", "https://shop.example.com/api/failed", "CALLBACK_FAIL", entry.WorkflowRunId })
        {
            await Expect(message).ToContainTextAsync(shown);
        }

        await Expect(session.Page.Locator("li.group")).ToHaveCountAsync(3);
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel failure callback" })).ToBeDisabledAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Retry failure callback" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The failure callback is being retried.");
        await Expect(message).ToContainTextAsync("CALLBACK_INPROGRESS");
        Assert.Equal(CallbackState.InProgress, (await session.Emulator.Engine.GetAsync(entry.DlqId)).FailureCallbackInfo?.State);

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel failure callback" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The failure callback was canceled.");
        await Expect(message).ToContainTextAsync("CALLBACK_CANCELED");
        Assert.Equal(CallbackState.Canceled, (await session.Emulator.Engine.GetAsync(entry.DlqId)).FailureCallbackInfo?.State);
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Retry failure callback" })).ToBeDisabledAsync();
        Assert.Equal(1, (await session.Emulator.Store.GetStatisticsAsync()).DlqEntryCount);
        await session.ScreenshotAsync("entry-callback");
        session.AssertNothingLeaked();
    }

    [Fact]
    public async Task Resume_restart_and_delete_of_one_entry_act_on_that_entry_only()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        DlqEntry[] entries = Seeds.Checkouts(4, Seeds.AnHourAgo);
        await session.Emulator.Engine.DeadLetterAsync(entries);
        await session.SignInAsync();

        // Resume one with a delay, then follow the new run from the outcome.
        await session.OpenAsync($"#/entry/{entries[0].DlqId}");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true }).ClickAsync();
        await session.Dialog.GetByLabel("Retries", new() { Exact = true }).FillAsync("5");
        await session.Dialog.GetByLabel("Delay").FillAsync("10s");
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Resume 1 run" }).ClickAsync();
        await Expect(session.Dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("Resumed 1");
        RunRecord resumed = Assert.Single(await EngineState.RunsAsync(session.Emulator, WorkflowRunOrigin.Resumed));
        Assert.Equal((entries[0].DlqId, 5, TimeSpan.FromSeconds(10)), (resumed.SourceDlqId, resumed.Configuration.Retries, resumed.Configuration.Delay));
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true })).ToBeDisabledAsync();
        await session.Dialog.GetByRole(AriaRole.Link, new() { Name = $"follow the new run {resumed.WorkflowRunId}" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = $"Run {resumed.WorkflowRunId}" })).ToBeVisibleAsync();

        await session.OpenAsync($"#/entry/{entries[1].DlqId}");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Restart", Exact = true }).ClickAsync();
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Restart 1 run" }).ClickAsync();
        await Expect(session.Dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("Restarted 1");
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(session.Page.GetByText("This entry has left the DLQ (restarted).")).ToBeVisibleAsync();

        await session.OpenAsync($"#/entry/{entries[2].DlqId}");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(session.Dialog.GetByLabel("Retries")).ToBeHiddenAsync();
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Delete 1 entry" }).ClickAsync();
        await Expect(session.Dialog.GetByText("Deleted 1", new() { Exact = true })).ToBeVisibleAsync();
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        Assert.Equal([entries[3].DlqId], EngineState.Ids(await EngineState.EntriesAsync(session.Emulator)));
        Assert.Equal([entries[1].DlqId], (await EngineState.RunsAsync(session.Emulator, WorkflowRunOrigin.Restarted)).Select(run => run.SourceDlqId));
        Assert.Single(await EngineState.RunsAsync(session.Emulator, WorkflowRunOrigin.Resumed));

        // An entry that is gone says so, with the API's message.
        await session.Page.ReloadAsync();
        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("404");
        session.AssertNothingLeaked();
    }
}

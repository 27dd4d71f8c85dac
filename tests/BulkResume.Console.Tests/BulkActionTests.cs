using System.Text.RegularExpressions;
using BulkResume.Console.Tests.Support;
using BulkResume.Engine;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkResume.Console.Tests;

/// <summary>Acting in bulk from the console, on what the filter matches or on ticked rows, checked in the engine afterwards.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class BulkActionTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task A_person_filters_to_one_workflow_opens_an_entry_and_resumes_all_120_with_retries_2_and_the_other_30_stay()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        DlqEntry[] checkouts = Seeds.Checkouts(120, Seeds.AnHourAgo, "eu", "checkout");
        DlqEntry[] emails = Seeds.Emails(30, Seeds.AnHourAgo.AddMinutes(1));
        await session.Emulator.Engine.DeadLetterAsync([.. checkouts, .. emails]);
        string[] others = emails.Select(EngineState.Fingerprint).Order(StringComparer.Ordinal).ToArray();

        await session.SignInAsync();
        await Expect(session.Page.GetByText("150 matching", new() { Exact = true })).ToBeVisibleAsync();
        await session.FilterByWorkflowUrlAsync(Seeds.Checkout);
        await Expect(session.Page.GetByText("120 matching", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(session.Rows).ToHaveCountAsync(25);
        await session.ScreenshotAsync("done-when-1-filtered", docImage: "console-dlq");

        // Newest first: the first row is the checkout that failed last.
        ILocator first = session.Rows.First.GetByRole(AriaRole.Link);
        await Expect(first).ToHaveTextAsync(checkouts[^1].DlqId);
        await first.ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = $"DLQ entry {checkouts[^1].DlqId}" })).ToBeVisibleAsync();
        ILocator failed = session.Page.Locator("li.step").Filter(new() { HasText = "Failed step" });
        await Expect(failed).ToHaveCountAsync(1);
        await Expect(failed.Locator(".step-name")).ToHaveTextAsync(Seeds.FailedStep);
        await session.ScreenshotAsync("done-when-2-entry", docImage: "console-entry", wholePageInDocs: true);

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Back to the dead letter queue" }).ClickAsync();
        await Expect(session.Page.GetByText("120 matching", new() { Exact = true })).ToBeVisibleAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Resume all matching" }).ClickAsync();
        await Expect(session.Dialog).ToBeVisibleAsync();
        await Expect(session.Dialog).ToContainTextAsync("120 entries");
        await session.Dialog.GetByLabel("Retries", new() { Exact = true }).FillAsync("2");
        await session.ScreenshotAsync("done-when-3-dialog", docImage: "console-bulk");
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Resume 120 runs" }).ClickAsync();

        await Expect(session.Dialog.GetByText("Resumed 120", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(session.Dialog.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("value", "120");
        await session.ScreenshotAsync("done-when-4-resumed");
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(session.Page.GetByText("0 matching", new() { Exact = true })).ToBeVisibleAsync();

        IReadOnlyList<DlqEntry> left = await EngineState.EntriesAsync(session.Emulator);
        Assert.Equal(others, left.Select(EngineState.Fingerprint).Order(StringComparer.Ordinal).ToArray());
        IReadOnlyList<RunRecord> resumed = await EngineState.RunsAsync(session.Emulator, WorkflowRunOrigin.Resumed);
        Assert.Equal(EngineState.Ids(checkouts), resumed.Select(run => run.SourceDlqId!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(resumed, run => Assert.Equal(2, run.Configuration.Retries));
        Assert.All(resumed, run => Assert.Equal(["eu", "checkout"], run.Labels));
        Assert.Empty(await EngineState.RunsAsync(session.Emulator, WorkflowRunOrigin.Restarted));
        var stats = await session.Emulator.Store.GetStatisticsAsync();
        // The 120 failed runs stay in the run log as they were, beside the 120 new runs.
        Assert.Equal((30L, 150L, 120L), (stats.DlqEntryCount, stats.RunsByState.GetValueOrDefault(RunState.Failed), stats.RunsByState.GetValueOrDefault(RunState.Started)));
        session.AssertNothingLeaked();
    }

    [Fact]
    public async Task Restart_all_matching_sends_exactly_the_label_filter_and_the_overrides_and_delete_all_matching_only_what_remains_matched()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        DlqEntry[] eu = Seeds.Checkouts(7, Seeds.AnHourAgo, "eu");
        DlqEntry[] us = Seeds.Checkouts(5, Seeds.AnHourAgo.AddMinutes(1), "us");
        DlqEntry[] emails = Seeds.Emails(4, Seeds.AnHourAgo.AddMinutes(2));
        await session.Emulator.Engine.DeadLetterAsync([.. eu, .. us, .. emails]);
        await session.SignInAsync();

        await session.Page.GetByLabel("Label", new() { Exact = true }).FillAsync("eu");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(session.Page.GetByText("7 matching", new() { Exact = true })).ToBeVisibleAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Restart all matching" }).ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("a label is eu");
        await session.Dialog.GetByLabel("Labels").FillAsync("eu,replayed");
        await session.Dialog.GetByLabel("Flow control key").FillAsync("payments");
        await session.Dialog.GetByLabel("Parallelism").FillAsync("2");
        await session.Dialog.GetByLabel("Failure callback URL").FillAsync("https://shop.example.com/api/failed");
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Restart 7 runs" }).ClickAsync();
        await Expect(session.Dialog.GetByText("Restarted 7", new() { Exact = true })).ToBeVisibleAsync();
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(session.Page.GetByText("0 matching", new() { Exact = true })).ToBeVisibleAsync();

        IReadOnlyList<RunRecord> restarted = await EngineState.RunsAsync(session.Emulator, WorkflowRunOrigin.Restarted);
        Assert.Equal(EngineState.Ids(eu), restarted.Select(run => run.SourceDlqId!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(restarted, run =>
        {
            Assert.Equal(["eu", "replayed"], run.Labels);
            Assert.Equal(("payments", 2), (run.Configuration.FlowControlKey, run.Configuration.Parallelism));
            Assert.Equal("https://shop.example.com/api/failed", run.FailureFunction?.Url);
            Assert.Empty(run.Steps);
        });

        await session.Page.GetByLabel("Label", new() { Exact = true }).FillAsync("us");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(session.Page.GetByText("5 matching", new() { Exact = true })).ToBeVisibleAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Delete all matching" }).ClickAsync();
        await Expect(session.Dialog.GetByLabel("Retries")).ToBeHiddenAsync();
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Delete 5 entries" }).ClickAsync();
        await Expect(session.Dialog.GetByText("Deleted 5", new() { Exact = true })).ToBeVisibleAsync();

        Assert.Equal(EngineState.Ids(emails), EngineState.Ids(await EngineState.EntriesAsync(session.Emulator)));
        Assert.Empty(await EngineState.RunsAsync(session.Emulator, WorkflowRunOrigin.Resumed));
        session.AssertNothingLeaked();
    }

    [Fact]
    public async Task Ticked_rows_across_pages_are_resumed_by_id_and_no_other_entry()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        DlqEntry[] checkouts = Seeds.Checkouts(30, Seeds.AnHourAgo);
        await session.Emulator.Engine.DeadLetterAsync(checkouts);
        await session.SignInAsync();

        // Newest first: page 1 holds the 25 newest, page 2 the 5 oldest.
        await session.Page.GetByLabel($"Select {checkouts[29].DlqId}").CheckAsync();
        await session.Page.GetByLabel($"Select {checkouts[10].DlqId}").CheckAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(session.Rows).ToHaveCountAsync(5);
        await session.Page.GetByLabel($"Select {checkouts[0].DlqId}").CheckAsync();
        await Expect(session.Page.GetByText("3 entries ticked")).ToBeVisibleAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Resume selected" }).ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("ticked by hand");
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Resume 3 runs" }).ClickAsync();
        await Expect(session.Dialog.GetByText("Resumed 3", new() { Exact = true })).ToBeVisibleAsync();
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(session.Page.GetByText("27 matching", new() { Exact = true })).ToBeVisibleAsync();

        string[] ticked = EngineState.Ids([checkouts[29], checkouts[10], checkouts[0]]);
        IReadOnlyList<RunRecord> resumed = await EngineState.RunsAsync(session.Emulator, WorkflowRunOrigin.Resumed);
        Assert.Equal(ticked, resumed.Select(run => run.SourceDlqId!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(EngineState.Ids(checkouts).Except(ticked).ToArray(), EngineState.Ids(await EngineState.EntriesAsync(session.Emulator)));
        session.AssertNothingLeaked();
    }

    [Fact]
    public async Task Cancel_of_ticked_rows_stops_between_pages_and_says_what_was_done_as_the_engine_counts_it()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        await session.Emulator.Engine.DeadLetterAsync(Seeds.Checkouts(150, Seeds.AnHourAgo));
        await session.SignInAsync();
        await Expect(session.Page.GetByText("150 matching", new() { Exact = true })).ToBeVisibleAsync();
        for (int page = 1; page <= 6; page++)
        {
            await session.Page.GetByLabel("Select every entry on this page").CheckAsync();
            if (page < 6)
            {
                await session.Page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
            }
        }

        await Expect(session.Page.GetByText("150 entries ticked")).ToBeVisibleAsync();

        // Every API call now takes 400 ms, so that the cancel lands while the first page is being resumed.
        await session.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"latencyMs":400}""");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Resume selected" }).ClickAsync();
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Resume 150 runs" }).ClickAsync();
        await Expect(session.Dialog.GetByRole(AriaRole.Progressbar, new() { Name = "Resuming: 0 of 150" })).ToBeVisibleAsync();
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();

        ILocator outcome = session.Dialog.GetByText(CanceledOutcome());
        await Expect(outcome).ToBeVisibleAsync();
        await session.ScreenshotAsync("bulk-canceled");
        Match said = CanceledOutcome().Match(await outcome.InnerTextAsync());
        int done = int.Parse(said.Groups["done"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int notDone = int.Parse(said.Groups["left"].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(150, done + notDone);
        Assert.InRange(done, 50, 100);
        Assert.Equal(0, done % 50);
        Assert.Equal(done.ToString(System.Globalization.CultureInfo.InvariantCulture), await session.Dialog.GetByRole(AriaRole.Progressbar).GetAttributeAsync("value"));
        var stats = await session.Emulator.Store.GetStatisticsAsync();
        Assert.Equal((notDone, (long)done), (stats.DlqEntryCount, stats.RunsByOrigin.GetValueOrDefault(WorkflowRunOrigin.Resumed)));
        await session.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"reset":true}""");
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(session.Page.GetByText($"{notDone} matching", new() { Exact = true })).ToBeVisibleAsync();
        session.AssertNothingLeaked();
    }

    [GeneratedRegex(@"Canceled\. Resumed (?<done>\d+); (?<left>\d+) of the 150 were not resumed\.")]
    private static partial Regex CanceledOutcome();
}

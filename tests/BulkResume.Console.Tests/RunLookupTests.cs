using BulkResume.Console.Tests.Support;
using BulkResume.Engine;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkResume.Console.Tests;

/// <summary>Following a run: looked up by its id, its step groups, the steps kept from the failed run marked.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RunLookupTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task A_resumed_run_looked_up_by_id_marks_the_steps_it_kept_and_the_failed_run_marks_none()
    {
        await using var session = await ConsoleSession.StartAsync(chromium);
        DlqEntry entry = Seeds.Checkouts(1, Seeds.AnHourAgo)[0];
        await session.Emulator.Engine.DeadLetterAsync(entry);
        var resumed = await session.Emulator.Engine.ResumeAsync(entry.DlqId);
        RunRecord run = (await session.Emulator.Engine.ListRunsAsync(new() { WorkflowRunId = resumed.WorkflowRunId })).Runs.Single();
        await session.SignInAsync();

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Runs" }).ClickAsync();
        await session.Page.GetByLabel("Workflow run id").FillAsync(resumed.WorkflowRunId);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();

        ILocator article = session.Page.GetByRole(AriaRole.Article, new() { Name = $"Run {resumed.WorkflowRunId}" });
        await Expect(article).ToContainTextAsync("RUN_STARTED");
        ILocator kept = article.Locator("li.step").Filter(new() { HasText = "Kept from the failed run" });
        await Expect(kept.Locator(".step-name")).ToHaveTextAsync(run.Steps.Select(step => step.StepName).ToArray());
        Assert.Equal(["init", "reserve-stock"], run.Steps.Select(step => step.StepName));
        await Expect(article).ToContainTextAsync("Kept from the failed run2 steps");
        await session.ScreenshotAsync("run-resumed");

        // The failed run it came from recorded its steps itself: none is marked kept, its failed step is.
        await session.Page.GetByLabel("Workflow run id").FillAsync(entry.WorkflowRunId);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        ILocator failed = session.Page.GetByRole(AriaRole.Article, new() { Name = $"Run {entry.WorkflowRunId}" });
        await Expect(failed).ToContainTextAsync("RUN_FAILED");
        await Expect(failed.Locator("li.step")).ToHaveCountAsync(3);
        await Expect(failed.Locator("li.step-kept")).ToHaveCountAsync(0);
        await Expect(failed.Locator("li.step-failed .step-name")).ToHaveTextAsync(Seeds.FailedStep);

        await session.Page.GetByLabel("Workflow run id").FillAsync("wfr_nosuchrun");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        await Expect(session.Page.GetByText("No run has the id wfr_nosuchrun.")).ToBeVisibleAsync();
        session.AssertNothingLeaked();
    }
}

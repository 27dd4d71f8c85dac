namespace BulkResume.Quickstart;

/// <summary>The quickstart's walk through a bulk resume: choose, preview, fix the cause, resume, and see what was kept.</summary>
internal static class QuickstartRun
{
    public static async Task RunAsync(QuickstartArguments arguments, bool hosted)
    {
        await using var demo = hosted ? null : await EmbeddedEngine.StartAsync();
        WorkflowClient client = demo?.Client ?? new WorkflowClient(WorkflowClientOptions.FromEnvironment());
        Console.WriteLine(hosted
            ? $"Target: the service at {WorkflowClientOptions.FromEnvironment().BaseUrl} (QSTASH_URL, else the hosted service)"
            : "Target: the embedded reference engine with the demo DLQ: checkouts that failed while the payment provider was down, rejected invoices, rate-limited e-mails (set QSTASH_TOKEN to use the hosted service)");

        // 1. Choose what to resume: a workflow URL and a time window.
        var url = arguments.WorkflowUrl ?? (hosted ? null : CheckoutWorkflow.Url);
        var filter = ResumeFilter.Create().FailedAfter(DateTimeOffset.UtcNow - arguments.Since);
        filter = url is null ? filter : filter.ForWorkflowUrl(url);
        Console.WriteLine($"\nFilter: {filter}");

        // 2. Preview: the same filter, listed (a dry run of the bulk action).
        var selected = new List<DlqMessage>();
        await foreach (DlqMessage message in client.Dlq.ListAsync(filter))
        {
            selected.Add(message);
            if (selected.Count <= 5)
            {
                Console.WriteLine($"  {message.DlqId}  {message.WorkflowUrl}  failed {message.CreatedAt:HH:mm:ss}  status {message.ResponseStatus}  labels [{string.Join(", ", message.Labels)}]");
            }
        }

        Console.WriteLine(selected.Count > 5 ? $"  ... and {selected.Count - 5} more: {selected.Count} entries selected." : $"{selected.Count} entries selected.");
        if (selected.Count == 0 || (hosted && !arguments.Yes))
        {
            Console.WriteLine(!hosted ? "Nothing to resume." : url is null ? "Nothing resumed: to resume one workflow's, run again with --workflow-url URL --yes." : "Nothing resumed: run again with --yes to resume them.");
            return;
        }

        // 3. Fix the cause, then resume them all: pages of at most 50 follow the service's cursor transparently.
        if (demo is not null)
        {
            demo.Checkout.PaymentProviderUp = true;
            Console.WriteLine("\nThe payment provider is back.");
        }

        Console.WriteLine("\nResuming...");
        var resumed = new List<ResumedRun>();
        await foreach (ResumedRun run in client.Dlq.BulkResumeAsync(filter, new ResumeOptions { Retries = 3 }))
        {
            resumed.Add(run);
            if (resumed.Count <= 5)
            {
                Console.WriteLine($"  resumed as {run.WorkflowRunId} at {run.WorkflowCreatedAt:HH:mm:ss.fff}");
            }
        }

        // 4. A resumed run starts from the failed step: its successful steps are kept and replayed, not executed again.
        if (demo is not null && resumed.Count > 0)
        {
            await demo.Runtime.WaitForIdleAsync();
            await StepStory.PrintAsync(client, resumed[0], selected, demo.Checkout);
        }
        else if (resumed.Count > 0 && await client.Runs.GetAsync(resumed[0].WorkflowRunId, resumed[0].WorkflowCreatedAt) is { } first)
        {
            Console.WriteLine($"\n{first.WorkflowRunId} kept {first.Steps.Count} completed step(s): {string.Join(", ", first.Steps.Select(s => s.StepName))}");
        }

        // 5. What is left in the DLQ.
        var left = new List<DlqMessage>();
        await foreach (DlqMessage message in client.Dlq.ListAsync(ResumeFilter.Create()))
        {
            left.Add(message);
        }

        Console.WriteLine($"\nResumed {resumed.Count} runs; {left.Count} entries left in the DLQ.");
        foreach (var group in left.GroupBy(message => (message.WorkflowUrl, message.ResponseBody)))
        {
            Console.WriteLine($"  {group.Count()} x {group.Key.WorkflowUrl}: {group.Key.ResponseBody}");
        }
    }
}

// BulkResume quickstart: resume failed workflow runs from the Dead Letter Queue, in bulk.
//
//   dotnet run --project samples/BulkResume.Quickstart            embedded engine, no account needed
//   QSTASH_TOKEN=... dotnet run --project samples/BulkResume.Quickstart -- [--url URL] [--since 6h] [--yes]
//
// Without QSTASH_TOKEN it seeds a realistic DLQ on the in-process reference engine. With it, it targets the hosted
// service: it lists what the filter selects and resumes only when given --yes.
using BulkResume;
using BulkResume.Quickstart;

var arguments = QuickstartArguments.Parse(args);
var hosted = Environment.GetEnvironmentVariable(WorkflowClientOptions.TokenEnvironmentVariable) is { Length: > 0 };

using var demo = hosted ? null : await DemoDlq.StartAsync();
WorkflowClient client = demo?.Client ?? new WorkflowClient(WorkflowClientOptions.FromEnvironment());
Console.WriteLine(hosted
    ? $"Target: the hosted service ({WorkflowClientOptions.FromEnvironment().BaseUrl})"
    : "Target: the embedded reference engine, seeded with a demo DLQ (set QSTASH_TOKEN to use the hosted service)");

// 1. Choose what to resume: a workflow URL and a time window.
var url = arguments.WorkflowUrl ?? (hosted ? null : DemoDlq.CheckoutUrl);
var filter = ResumeFilter.Create().FailedAfter(DateTimeOffset.UtcNow - arguments.Since);
filter = url is null ? filter : filter.ForWorkflowUrl(url);
Console.WriteLine($"\nFilter: {filter}");

// 2. Preview: the same filter, listed (a dry run of the bulk action).
var selected = 0;
await foreach (DlqMessage message in client.Dlq.ListAsync(filter))
{
    selected++;
    Console.WriteLine($"  {message.DlqId}  {message.WorkflowUrl}  failed {message.CreatedAt:HH:mm:ss}  status {message.ResponseStatus}  labels [{string.Join(", ", message.Labels)}]");
}

Console.WriteLine($"{selected} entries selected.");
if (selected == 0 || (hosted && !arguments.Yes))
{
    Console.WriteLine(hosted ? "Nothing resumed: run again with --yes to resume them." : "Nothing to resume.");
    return;
}

// 3. Resume them all: pages of at most 50 follow the service's cursor transparently.
Console.WriteLine("\nResuming...");
var resumed = new List<ResumedRun>();
await foreach (ResumedRun run in client.Dlq.BulkResumeAsync(filter, new ResumeOptions { Retries = 3 }))
{
    resumed.Add(run);
    Console.WriteLine($"  resumed as {run.WorkflowRunId} at {run.WorkflowCreatedAt:HH:mm:ss.fff}");
}

// 4. A resumed run starts from the failed step: its successful steps are kept.
if (resumed.Count > 0 && await client.Runs.GetAsync(resumed[0].WorkflowRunId) is { } first)
{
    Console.WriteLine($"\n{first.WorkflowRunId} kept {first.Steps.Count} completed step(s): {string.Join(", ", first.Steps.Select(s => s.StepName))}");
}

// 5. What is left in the DLQ.
var left = 0;
await foreach (DlqMessage _ in client.Dlq.ListAsync(ResumeFilter.Create()))
{
    left++;
}

Console.WriteLine($"\nResumed {resumed.Count} runs; {left} entries left in the DLQ.");

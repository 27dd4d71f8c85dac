// BulkResume quickstart: resume failed workflow runs from the Dead Letter Queue, in bulk.
//
//   dotnet run --project samples/BulkResume.Quickstart            embedded engine, no account needed
//   QSTASH_TOKEN=... dotnet run --project samples/BulkResume.Quickstart -- [--workflow-url URL] [--since 6h] [--yes]
//
// Without QSTASH_TOKEN it runs on the in-process reference engine holding the demo DLQ: 125 checkouts failed at their
// third step (charge-card) while the payment provider was down. The provider comes back, and the bulk resume replays
// the steps each failed run recorded while the engine's workflow runtime runs only the failed and pending ones. With
// QSTASH_TOKEN it targets the hosted service: it lists what the filter selects and resumes only when given --yes,
// and only one workflow's runs (--workflow-url). A bad argument exits 2 and a failure 1, each with one line on stderr.
using BulkResume;
using BulkResume.Quickstart;

QuickstartArguments arguments;
try
{
    arguments = QuickstartArguments.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}

if (arguments.Help)
{
    Console.WriteLine(QuickstartArguments.Usage);
    return 0;
}

var hosted = Environment.GetEnvironmentVariable(WorkflowClientOptions.TokenEnvironmentVariable) is { Length: > 0 };
if (hosted && arguments.Yes && arguments.WorkflowUrl is null)
{
    // "Failed in the last 6 hours" alone would resume every workflow's failures on a real account.
    await Console.Error.WriteLineAsync("error: --yes on the hosted service needs --workflow-url URL: without it the filter is only a time window, and would resume every workflow's failures.");
    return 2;
}

try
{
    await QuickstartRun.RunAsync(arguments, hosted);
    return 0;
}
catch (Exception e) when (e is WorkflowApiException or HttpRequestException or TimeoutException)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}

using Microsoft.Extensions.Options;

namespace BulkResume.Host;

/// <summary>Resumes what the configuration selects, once, then stops the host; a failure is the process's exit code 1.</summary>
public sealed partial class ResumeJob(DlqClient dlq, IOptions<ResumeJobOptions> options, IHostApplicationLifetime lifetime, ILogger<ResumeJob> logger, TimeProvider time)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var job = options.Value;
        var filter = ResumeFilter.Create().ForWorkflowUrl(job.WorkflowUrl).FailedAfter(time.GetUtcNow() - job.FailedWithin);
        var resumed = 0;
        try
        {
            await foreach (var run in dlq.BulkResumeAsync(filter, new ResumeOptions { Retries = job.Retries }, stoppingToken))
            {
                resumed++;
                LogResumed(run.WorkflowRunId, run.WorkflowCreatedAt);
            }

            LogDone(resumed, filter.ToString());
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // The job is all the host does, so its failure must be the process's: stopping the host first would
            // swallow it and exit 0, and a scheduler or an Aspire dashboard would show a failed run as done.
            LogFailed(e, resumed);
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed as {WorkflowRunId} at {CreatedAt:O}")]
    private partial void LogResumed(string workflowRunId, DateTimeOffset createdAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Done: {Count} runs resumed for {Filter}")]
    private partial void LogDone(int count, string filter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed after {Count} runs resumed")]
    private partial void LogFailed(Exception error, int count);
}

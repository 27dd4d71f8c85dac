using Microsoft.Extensions.Options;

namespace BulkResume.Host;

/// <summary>Resumes what the configuration selects, once, then stops the host.</summary>
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
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed as {WorkflowRunId} at {CreatedAt:O}")]
    private partial void LogResumed(string workflowRunId, DateTimeOffset createdAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Done: {Count} runs resumed for {Filter}")]
    private partial void LogDone(int count, string filter);
}

namespace BulkResume.Testing.Sample;

/// <summary>
/// Your application code: after an incident, resume every checkout run that failed during it and report how many.
/// It depends on <see cref="DlqClient"/> only, so tests can give it a client over the in-process engine, over the
/// emulator, or a mock.
/// </summary>
public sealed class CheckoutRecovery(DlqClient dlq)
{
    public const string CheckoutUrl = "https://shop.example.com/api/workflows/checkout";

    public async Task<int> ResumeIncidentAsync(DateTimeOffset incidentStart, DateTimeOffset incidentEnd, CancellationToken cancellationToken = default)
    {
        var filter = ResumeFilter.Create().ForWorkflowUrl(CheckoutUrl).FailedBetween(incidentStart, incidentEnd);
        var resumed = 0;
        await foreach (var run in dlq.BulkResumeAsync(filter, new ResumeOptions { Retries = 5 }, cancellationToken))
        {
            resumed++;
        }

        return resumed;
    }
}

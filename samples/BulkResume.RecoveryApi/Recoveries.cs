using BulkResume;

/// <summary>The recovery endpoint: resumes the checkouts that failed in a window, with more retries.</summary>
internal static class Recoveries
{
    public const string CheckoutUrl = "https://shop.example.com/api/workflows/checkout";

    public static async Task<IResult> ResumeCheckoutsAsync(DateTimeOffset from, DateTimeOffset to, DlqClient dlq, CancellationToken cancellationToken)
    {
        if (from > to)
        {
            return Results.BadRequest(new RecoveryError("from must not be later than to."));
        }

        var filter = ResumeFilter.Create().ForWorkflowUrl(CheckoutUrl).FailedBetween(from, to);
        var resumed = 0;
        await foreach (var run in dlq.BulkResumeAsync(filter, new ResumeOptions { Retries = 5 }, cancellationToken))
        {
            resumed++;
        }

        return Results.Ok(new RecoveryResult(resumed));
    }
}

using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.FailureCallbacks;

public sealed class FailureCallbackRetryTests
{
    private const string Callback = "https://example.com/failure";

    [Fact]
    public async Task A_failed_callback_moves_to_in_progress_and_the_entry_stays_in_the_DLQ()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a")
            .WithFailureCallback(Callback, CallbackState.Fail).Build());

        DlqEntry retried = await fixture.Engine.RetryFailureCallbackAsync("dlq-1");

        Assert.Equal(("wfr_a", CallbackState.InProgress), (retried.WorkflowRunId, retried.FailureCallbackInfo!.State));
        Assert.Null(retried.FailureCallbackInfo.ResponseStatus);
        DlqEntry stored = (await fixture.Store.GetAsync("dlq-1"))!;
        Assert.Equal(CallbackState.InProgress, stored.FailureCallbackInfo!.State);
        Assert.Equal(1, await fixture.DlqCountAsync());
    }

    [Theory]
    [InlineData(CallbackState.InProgress, "is CALLBACK_INPROGRESS")]
    [InlineData(CallbackState.Success, "is CALLBACK_SUCCESS")]
    [InlineData(CallbackState.Canceled, "is CALLBACK_CANCELED")]
    [InlineData(null, "does not exist")]
    public async Task A_callback_that_has_not_failed_is_a_bad_request_naming_its_state_and_changes_nothing(CallbackState? state, string explanation)
    {
        var fixture = new EngineFixture();
        FailedRun run = FailedRun.For(Seed.Orders).WithDlqId("dlq-1");
        DlqEntry entry = (state is { } given ? run.WithFailureCallback(Callback, given) : run).Build();
        await fixture.Engine.DeadLetterAsync(entry);

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.RetryFailureCallbackAsync("dlq-1"));

        Assert.Equal((DlqErrorKind.BadRequest, 400), (error.Kind, error.StatusCode));
        Assert.Contains(explanation, error.Message, StringComparison.Ordinal);
        Assert.Contains("only a failed callback (CALLBACK_FAIL) can be retried", error.Message, StringComparison.Ordinal);
        Assert.Equal(entry, await fixture.Store.GetAsync("dlq-1"));
    }

    [Fact]
    public async Task A_missing_entry_is_not_found()
    {
        var fixture = new EngineFixture();

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.RetryFailureCallbackAsync("nope"));

        Assert.Equal((DlqErrorKind.NotFound, "DLQ message nope was not found"), (error.Kind, error.Message));
    }

    [Fact]
    public async Task Of_concurrent_retries_of_one_failed_callback_exactly_one_succeeds()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1")
            .WithFailureCallback(Callback, CallbackState.Fail).Build());

        DlqErrorKind?[] outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await fixture.Engine.RetryFailureCallbackAsync("dlq-1");
                return (DlqErrorKind?)null;
            }
            catch (DlqEngineException error)
            {
                return error.Kind;
            }
        })));

        Assert.Equal(1, outcomes.Count(outcome => outcome is null));
        Assert.Equal(7, outcomes.Count(outcome => outcome == DlqErrorKind.BadRequest));
    }
}

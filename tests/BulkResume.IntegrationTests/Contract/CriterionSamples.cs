using BulkResume.Internal.Selection;
using static BulkResume.Internal.Selection.SelectionCriteria;

namespace BulkResume.IntegrationTests.Contract;

/// <summary>
/// For each row of the client's criteria table (<see cref="SelectionCriteria"/>), the filter method given a value and
/// a DLQ where that value selects a strict, non-empty subset: the seed fields of entries it selects and of entries it
/// leaves. <see cref="GeneratedSelectionTests"/> runs every row; a row added without a sample here fails there.
/// </summary>
internal static class CriterionSamples
{
    /// <summary>The failure time entry <c>i</c> gets unless its sample says otherwise (Unix milliseconds).</summary>
    public const long FailedAt = 1_752_829_295_505;

    /// <summary>The run creation time entry <c>i</c> gets, plus <c>i</c> seconds, unless its sample says otherwise.</summary>
    public const long RunCreatedAt = FailedAt - 60_000;

    private const string Checkout = "https://shop.example.com/api/workflows/checkout";

    private static readonly Dictionary<Criterion, CriterionSample> Samples = new()
    {
        [FailedFrom] = Dlq(
            filter => filter.FailedAfter(At(FailedAt + 2_000)),
            [$$"""{"createdAt":{{FailedAt + 2_000}}}""", $$"""{"createdAt":{{FailedAt + 3_000}}}"""],
            [$$"""{"createdAt":{{FailedAt}}}""", $$"""{"createdAt":{{FailedAt + 1_999}}}"""]),
        [FailedTo] = Dlq(
            filter => filter.FailedBefore(At(FailedAt + 1_000)),
            [$$"""{"createdAt":{{FailedAt}}}""", $$"""{"createdAt":{{FailedAt + 1_000}}}"""],
            [$$"""{"createdAt":{{FailedAt + 1_001}}}""", $$"""{"createdAt":{{FailedAt + 3_000}}}"""]),
        [WorkflowUrl] = Dlq(
            filter => filter.ForWorkflowUrl(Checkout),
            [$$"""{"workflowUrl":"{{Checkout}}"}"""],
            [$$"""{"workflowUrl":"{{Checkout}}/v2"}""", "{}"]),
        [WorkflowRunIdPrefix] = Dlq(
            filter => filter.ForWorkflowRunIdPrefix("wfr_m"),
            ["""{"workflowRunId":"wfr_m1"}""", """{"workflowRunId":"wfr_m2"}"""],
            ["""{"workflowRunId":"wfr_o1"}""", """{"workflowRunId":"wfx_m1"}"""]),
        [RunId] = Logs(
            filter => filter.ForWorkflowRunId("wfr_exact"),
            ["""{"workflowRunId":"wfr_exact"}"""],
            ["""{"workflowRunId":"wfr_exact2"}""", "{}"]),
        [RunWorkflowUrl] = Logs(
            filter => filter.ForWorkflowUrl(Checkout),
            [$$"""{"workflowUrl":"{{Checkout}}"}"""],
            [$$"""{"workflowUrl":"{{Checkout}}/v2"}""", "{}"]),

        // The service matches a cancel's workflowUrl as a prefix by default: the URL that extends the exact one is left.
        [CancelWorkflowUrl] = Cancel(
            filter => filter.ForWorkflowUrl(Checkout),
            [$$"""{"workflowUrl":"{{Checkout}}"}"""],
            [$$"""{"workflowUrl":"{{Checkout}}/v2"}""", $$"""{"workflowUrl":"{{Checkout}}-eu"}""", "{}"]),
        [CancelWorkflowUrlPrefix] = Cancel(
            filter => filter.ForWorkflowUrlPrefix(Checkout),
            [$$"""{"workflowUrl":"{{Checkout}}"}""", $$"""{"workflowUrl":"{{Checkout}}/v2"}""", $$"""{"workflowUrl":"{{Checkout}}-eu"}"""],
            ["""{"workflowUrl":"https://shop.example.com/api/workflows/check"}""", "{}"]),
        [WorkflowCreatedAt] = Both(
            filter => filter.CreatedAt(At(RunCreatedAt - 5_000)),
            filter => filter.CreatedAt(At(RunCreatedAt - 5_000)),
            [$$"""{"workflowCreatedAt":{{RunCreatedAt - 5_000}}}"""],
            [$$"""{"workflowCreatedAt":{{RunCreatedAt - 4_999}}}""", $$"""{"workflowCreatedAt":{{RunCreatedAt - 5_001}}}"""]),

        // Every seeded run failed: each is resumed once first, and the new runs (started) are the ones left out.
        [RunState] = Logs(filter => filter.InState(WorkflowRunState.Failed), ["{}", "{}"], [], resumeFirst: true),
        [CreatedFrom] = Logs(
            filter => filter.CreatedAfter(At(RunCreatedAt - 2_000)),
            [$$"""{"workflowCreatedAt":{{RunCreatedAt - 2_000}}}""", $$"""{"workflowCreatedAt":{{RunCreatedAt - 1_000}}}"""],
            [$$"""{"workflowCreatedAt":{{RunCreatedAt - 2_001}}}"""],
            cancel: filter => filter.CreatedAfter(At(RunCreatedAt - 2_000))),
        [CreatedTo] = Logs(
            filter => filter.CreatedBefore(At(RunCreatedAt - 2_000)),
            [$$"""{"workflowCreatedAt":{{RunCreatedAt - 2_000}}}""", $$"""{"workflowCreatedAt":{{RunCreatedAt - 3_000}}}"""],
            [$$"""{"workflowCreatedAt":{{RunCreatedAt - 1_999}}}"""],
            cancel: filter => filter.CreatedBefore(At(RunCreatedAt - 2_000))),
        [Label] = Both(
            filter => filter.WithLabel("eu"),
            filter => filter.WithLabel("eu"),
            ["""{"labels":["eu"]}""", """{"labels":["us","eu"]}"""],
            ["""{"labels":["us"]}""", """{"labels":["eu-west"]}""", "{}"],
            cancel: filter => filter.WithLabel("eu")),
        [FlowControlKey] = Dlq(
            filter => filter.WithFlowControlKey("payments"),
            ["""{"flowControlKey":"payments"}"""],
            ["""{"flowControlKey":"payments-eu"}""", "{}"],
            cancel: filter => filter.WithFlowControlKey("payments")),
        [RunFlowControlKey] = Logs(
            filter => filter.WithFlowControlKey("payments"),
            ["""{"flowControlKey":"payments"}"""],
            ["""{"flowControlKey":"payments-eu"}""", "{}"]),
        [CallerIp] = Dlq(
            filter => filter.FromCallerIp("198.51.100.4"),
            ["""{"callerIP":"198.51.100.4"}"""],
            ["""{"callerIP":"198.51.100.40"}""", "{}"],
            cancel: filter => filter.FromCallerIp("198.51.100.4")),
        [RunCallerIp] = Logs(
            filter => filter.FromCallerIp("198.51.100.4"),
            ["""{"callerIP":"198.51.100.4"}"""],
            ["""{"callerIP":"198.51.100.40"}""", "{}"]),
        [FailureFunctionState] = Dlq(
            filter => filter.WithFailureCallbackState(FailureCallbackState.Failed),
            ["""{"failureCallback":"https://shop.example.com/api/failed","failureCallbackState":"CALLBACK_FAIL"}"""],
            ["""{"failureCallback":"https://shop.example.com/api/failed","failureCallbackState":"CALLBACK_SUCCESS"}""", "{}"]),
    };

    /// <summary>The sample of <paramref name="row"/>; a row without one fails the test that asks, naming the row.</summary>
    public static CriterionSample For(Criterion row) =>
        Samples.TryGetValue(row, out var sample) ? sample : throw new Xunit.Sdk.XunitException($"The criterion {row} has no sample: add one to {nameof(CriterionSamples)}.");

    private static DateTimeOffset At(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static CriterionSample Dlq(Func<ResumeFilter, ResumeFilter> apply, string[] selected, string[] left, Func<RunCancelFilter, RunCancelFilter>? cancel = null) =>
        new(apply, null, cancel, selected, left, ResumeFirst: false);

    private static CriterionSample Logs(Func<RunFilter, RunFilter> apply, string[] selected, string[] left, bool resumeFirst = false, Func<RunCancelFilter, RunCancelFilter>? cancel = null) =>
        new(null, apply, cancel, selected, left, resumeFirst);

    private static CriterionSample Both(Func<ResumeFilter, ResumeFilter> dlq, Func<RunFilter, RunFilter> logs, string[] selected, string[] left, Func<RunCancelFilter, RunCancelFilter>? cancel = null) =>
        new(dlq, logs, cancel, selected, left, ResumeFirst: false);

    private static CriterionSample Cancel(Func<RunCancelFilter, RunCancelFilter> apply, string[] selected, string[] left) =>
        new(null, null, apply, selected, left, ResumeFirst: false);
}

/// <summary>A criterion's value, by its filter method, and a DLQ where it selects a strict subset.</summary>
/// <param name="Dlq">The <see cref="ResumeFilter"/> method with the value, for a row the DLQ operations take.</param>
/// <param name="Logs">The <see cref="RunFilter"/> method with the value, for a row the run logs take.</param>
/// <param name="Cancel">The <see cref="RunCancelFilter"/> method with the value, for a row the runs' cancel takes.</param>
/// <param name="Selected">Seed fields (JSON objects) of the entries the value selects, over the defaults.</param>
/// <param name="Left">Seed fields of the entries it leaves.</param>
/// <param name="ResumeFirst">Resume every entry before listing runs, so that the logs hold runs of another state.</param>
internal sealed record CriterionSample(
    Func<ResumeFilter, ResumeFilter>? Dlq,
    Func<RunFilter, RunFilter>? Logs,
    Func<RunCancelFilter, RunCancelFilter>? Cancel,
    string[] Selected,
    string[] Left,
    bool ResumeFirst);

using System.Globalization;

namespace BulkResume.Engine.Tests.Support;

/// <summary>Deterministic ids: DLQ ids <c>ms-n</c>, run ids <c>wfr_test000001</c>, ...</summary>
internal sealed class SequentialIdGenerator : IDlqIdGenerator
{
    private int _next;

    public string NewDlqId(DateTimeOffset deadLetteredAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{deadLetteredAt.ToUnixTimeMilliseconds()}-{Interlocked.Increment(ref _next)}");

    public string NewWorkflowRunId() =>
        string.Create(CultureInfo.InvariantCulture, $"wfr_test{Interlocked.Increment(ref _next):D6}");
}

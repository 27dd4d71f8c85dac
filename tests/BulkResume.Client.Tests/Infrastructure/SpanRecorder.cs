using System.Collections.Concurrent;
using System.Diagnostics;

namespace BulkResume.Client.Tests.Infrastructure;

/// <summary>
/// Records the client's spans under a root span of the test's own: the listener is process-wide and other test classes
/// run at the same time, so only this trace is kept.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly Activity _root;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "BulkResume.Client",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _root = new Activity("test").Start();
    }

    /// <summary>The test's root span: the parent of what the client starts outside an operation.</summary>
    public ActivitySpanId RootSpanId => _root.SpanId;

    /// <summary>The client's spans of this trace that have ended.</summary>
    public List<Activity> Spans => _stopped.Where(span => span.TraceId == _root.TraceId).ToList();

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
    }
}

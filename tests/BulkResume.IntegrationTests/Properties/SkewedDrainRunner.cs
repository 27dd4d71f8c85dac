using System.Globalization;
using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>
/// Runs one <see cref="SkewedDrainCase"/> twice, on two identical services: once one request at a time (the cursor
/// loop, which has no cut-off and is the reference) and once at the case's concurrency. The concurrent drain must act
/// on exactly the entries the sequential one acted on, failures during the drain included; and each must act on every
/// entry its selection held when its first bulk request arrived, once, and on nothing else.
/// </summary>
/// <remarks>
/// The clocks are fake and stand still, apart from the moment the runs fail: both services then see the same failures
/// at the same times, so the two drains' selections are the same. Nothing here injects a fault, so no retry or
/// rate-limit wait needs the client's clock to move; a drain that waits on it anyway would never end, so each drain is
/// bounded in real time and fails the case as hung.
/// </remarks>
internal static class SkewedDrainRunner
{
    /// <summary>Far beyond what a case takes (tens of milliseconds); it only turns a hang into a failure.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(SkewedDrainCase drain, BulkOperation operation)
    {
        var random = new Random(drain.Seed);
        var serviceNow = new FakeClock().GetUtcNow();
        var clientNow = serviceNow.AddMilliseconds(-drain.SkewMs);
        var seeded = GeneratedDlq.Seed(drain.Shape, drain.Size, random, serviceNow);
        var selection = GeneratedDlq.Select(drain.Selection, random, seeded, serviceNow, clientNow);
        var plan = FailureDuringDrain.Plan(drain.FailuresDuringDrain, random);

        var sequential = await DrainOnceAsync(drain, operation, concurrency: 1, seeded, selection, plan, reference: null);
        await DrainOnceAsync(drain, operation, drain.Concurrency, seeded, selection, plan, sequential);
    }

    private static async Task<Took> DrainOnceAsync(
        SkewedDrainCase drain,
        BulkOperation operation,
        int concurrency,
        List<DlqEntry> seeded,
        GeneratedSelection selection,
        List<FailureDuringDrain> plan,
        Took? reference)
    {
        var serviceClock = new FakeClock();
        var clientClock = new FakeTimeProvider(serviceClock.GetUtcNow().AddMilliseconds(-drain.SkewMs));
        var (serviceNow, clientNow) = (serviceClock.GetUtcNow(), clientClock.GetUtcNow());
        await using var store = GeneratedStore.Open(drain.Store);
        SkewedService? service = null;

        // The harness makes the served engine after this handler; dead-lettering needs nothing of an engine but its store.
        using var harness = new EngineHarness(
            serviceClock,
            store: store.Store,
            wrapServer: server => service = new SkewedService(server, new DlqEngine(store.Store), serviceClock, TimePasses, plan, drain.Date),
            clientTimeProvider: clientClock);
        await harness.Engine.DeadLetterAsync(seeded);

        var yielded = new List<ResumedRun>();
        long deleted = await RunAsync(harness.Client.Dlq, operation, selection.Filter, concurrency, drain.PageSize, yielded);

        var failed = await service!.FailedDuringDrainAsync();
        var present = seeded.Concat(failed).ToList();
        var selected = present.Where(selection.Selects).Select(entry => entry.DlqId).ToList();
        var others = present.Select(entry => entry.DlqId).Except(selected).ToList();
        var took = new Took(present, failed, service.SawBulkRequest, await TakenAsync(harness, operation, present));

        if (reference is not null)
        {
            // The same failures at the same times, or none: a drain that sends no bulk request never sees them fail,
            // and is then right only if the sequential drain took none of them, which the next check decides.
            if (took.SawBulkRequest)
            {
                Assert.Equal(Describe(reference.Failed), Describe(failed));
            }

            AssertTookTheSame(operation, concurrency, reference, took, serviceNow, clientNow);
        }

        if (operation == BulkOperation.Delete)
        {
            Assert.Equal(selected.Order(StringComparer.Ordinal), took.Ids.Order(StringComparer.Ordinal));
            Assert.Equal(took.Ids.Count, deleted);
        }
        else
        {
            var origin = operation == BulkOperation.Resume ? WorkflowRunOrigin.Resumed : WorkflowRunOrigin.Restarted;
            await DrainAudit.AssertExactlyOnceAsync(harness, selected, others, yielded, unseenAllowance: 0, origin);
        }

        return took;

        void TimePasses(TimeSpan elapsed)
        {
            serviceClock.Advance(elapsed);
            clientClock.Advance(elapsed);
        }
    }

    /// <summary>Runs the operation; returns what a delete counted (a resume or restart yields its runs into <paramref name="yielded"/>).</summary>
    private static async Task<long> RunAsync(DlqClient dlq, BulkOperation operation, ResumeFilter filter, int concurrency, int? pageSize, List<ResumedRun> yielded)
    {
        using var hang = new CancellationTokenSource(HangGuard);
        var options = new ResumeOptions { MaxConcurrency = concurrency, PageSize = pageSize };
        Task<long> run = operation switch
        {
            BulkOperation.Resume => Count(Drain.IntoAsync(dlq.BulkResumeAsync(filter, options, hang.Token), yielded)),
            BulkOperation.Restart => Count(Drain.IntoAsync(dlq.BulkRestartAsync(filter, options, hang.Token), yielded)),
            _ => dlq.BulkDeleteAsync(filter, new BulkDeleteOptions { MaxConcurrency = concurrency }, hang.Token),
        };
        try
        {
            // WaitAsync too, so that even a drain deaf to its token can't hold the case.
            return await run.WaitAsync(hang.Token);
        }
        catch (OperationCanceledException) when (hang.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The {operation} at concurrency {concurrency} did not end within {HangGuard.TotalSeconds} s of real time: a hang, or a wait on a fake clock that never moves.");
        }

        static async Task<long> Count(Task<int> items) => await items;
    }

    /// <summary>The ids the operation acted on: the sources of its runs, or the entries gone from the DLQ.</summary>
    private static async Task<HashSet<string>> TakenAsync(EngineHarness harness, BulkOperation operation, List<DlqEntry> present)
    {
        if (operation == BulkOperation.Delete)
        {
            var remaining = await harness.RemainingDlqIdsAsync();
            return present.Select(entry => entry.DlqId).Where(id => !remaining.Contains(id)).ToHashSet(StringComparer.Ordinal);
        }

        var origin = operation == BulkOperation.Resume ? WorkflowRunOrigin.Resumed : WorkflowRunOrigin.Restarted;
        return (await harness.AllRunsAsync()).Where(run => run.Origin == origin).Select(run => run.SourceDlqId!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The heart of the property, checked before the rest so that a failure says what was missed and where it lies
    /// against each clock (an entry left behind past the client's now is the cut-off of issue 22).
    /// </summary>
    private static void AssertTookTheSame(BulkOperation operation, int concurrency, Took sequential, Took concurrent, DateTimeOffset serviceNow, DateTimeOffset clientNow)
    {
        var everything = sequential.Present.Concat(concurrent.Present).DistinctBy(entry => entry.DlqId).ToList();
        var left = everything.Where(entry => sequential.Ids.Contains(entry.DlqId) && !concurrent.Ids.Contains(entry.DlqId)).ToList();
        var extra = everything.Where(entry => concurrent.Ids.Contains(entry.DlqId) && !sequential.Ids.Contains(entry.DlqId)).ToList();
        if (left.Count > 0 || extra.Count > 0)
        {
            string silent = concurrent.SawBulkRequest ? string.Empty : " It sent no bulk request, so the runs that fail during a drain never failed.";
            Assert.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"The {operation} at concurrency {concurrency} left {left.Count} of the {sequential.Ids.Count} entries the sequential one took{Where(left, serviceNow, clientNow)}, and took {extra.Count} it did not{Where(extra, serviceNow, clientNow)}.{silent}"));
        }
    }

    /// <summary>Where entries failed, against the service's now and the client's when the drain started.</summary>
    private static string Where(List<DlqEntry> entries, DateTimeOffset serviceNow, DateTimeOffset clientNow)
    {
        if (entries.Count == 0)
        {
            return string.Empty;
        }

        var times = entries.Select(entry => entry.CreatedAt).ToList();
        return string.Create(
            CultureInfo.InvariantCulture,
            $" (failed {Span(times, serviceNow)} ms from the service's now, {Span(times, clientNow)} ms from the client's; {string.Join(", ", entries.Take(3).Select(entry => entry.DlqId))}{(entries.Count > 3 ? ", ..." : "")})");

        static string Span(List<DateTimeOffset> times, DateTimeOffset now) => string.Create(
            CultureInfo.InvariantCulture,
            $"{(times.Min() - now).TotalMilliseconds:+#,0;-#,0;0}..{(times.Max() - now).TotalMilliseconds:+#,0;-#,0;0}");
    }

    /// <summary>The failures as both drains must have seen them: ids, workflows and times.</summary>
    private static IEnumerable<string> Describe(IReadOnlyList<DlqEntry> failed) =>
        failed.Select(entry => string.Create(CultureInfo.InvariantCulture, $"{entry.DlqId} {entry.WorkflowUrl} {entry.CreatedAt.ToUnixTimeMilliseconds()}"));

    /// <summary>What one drain's DLQ held by its end, what of it failed during the drain (at its first bulk request, if any came), and the ids it acted on.</summary>
    private sealed record Took(List<DlqEntry> Present, IReadOnlyList<DlqEntry> Failed, bool SawBulkRequest, HashSet<string> Ids);
}

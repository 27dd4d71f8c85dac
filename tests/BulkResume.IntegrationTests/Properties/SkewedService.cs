using System.Globalization;
using BulkResume.Engine;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>A run that fails while a drain runs: its workflow, and how much time passes on both clocks before it fails.</summary>
internal sealed record FailureDuringDrain(string WorkflowUrl, TimeSpan After)
{
    /// <summary><paramref name="count"/> failures of either workflow, each 0 to 3 ms after the one before.</summary>
    public static List<FailureDuringDrain> Plan(int count, Random random) =>
        Enumerable.Range(0, count).Select(_ => new FailureDuringDrain(GeneratedDlq.AnyWorkflow(random), TimeSpan.FromMilliseconds(random.Next(4)))).ToList();
}

/// <summary>
/// Sits in front of the engine and makes it a service with a clock of its own while a drain runs: when the drain's
/// first bulk request (resume, restart or delete) reaches it, the planned runs fail, stamped by the service's clock,
/// before that request or any other bulk request is handled; and every answer carries the service's clock in a
/// <c>Date</c> header, or none.
/// </summary>
internal sealed class SkewedService : DelegatingHandler
{
    private const string DlqPath = "/v2/workflows/dlq";

    private readonly DlqEngine _engine;
    private readonly TimeProvider _serviceClock;
    private readonly Action<TimeSpan> _timePasses;
    private readonly IReadOnlyList<FailureDuringDrain> _plan;
    private readonly ServiceDate _date;
    private readonly Lazy<Task<IReadOnlyList<DlqEntry>>> _failures;

    /// <param name="server">The engine's handler.</param>
    /// <param name="engine">Dead-letters the failing runs into the engine's store.</param>
    /// <param name="serviceClock">The service's clock, which stamps the failures and the <c>Date</c> header.</param>
    /// <param name="timePasses">Moves both clocks on together while the runs fail, so that the skew stays as it is.</param>
    /// <param name="plan">The runs that fail at the first bulk request.</param>
    /// <param name="date">Whether answers carry a <c>Date</c>.</param>
    public SkewedService(HttpMessageHandler server, DlqEngine engine, TimeProvider serviceClock, Action<TimeSpan> timePasses, IReadOnlyList<FailureDuringDrain> plan, ServiceDate date)
        : base(server)
    {
        _engine = engine;
        _serviceClock = serviceClock;
        _timePasses = timePasses;
        _plan = plan;
        _date = date;

        // One batch of failures for however many bulk requests arrive at once: the first starts it, every one waits for it.
        _failures = new Lazy<Task<IReadOnlyList<DlqEntry>>>(FailAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether a bulk request came, and with it the failures.</summary>
    public bool SawBulkRequest => _failures.IsValueCreated;

    /// <summary>The entries that failed during the drain; none when no bulk request came.</summary>
    public async Task<IReadOnlyList<DlqEntry>> FailedDuringDrainAsync() => SawBulkRequest ? await _failures.Value : [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (IsBulk(request))
        {
            await _failures.Value;
        }

        var response = await base.SendAsync(request, cancellationToken);
        response.Headers.Date = null;
        if (_date == ServiceDate.Sent)
        {
            // As it goes on the wire: RFC 1123, whole seconds, so the client can't learn the service's clock any finer.
            response.Headers.TryAddWithoutValidation("Date", _serviceClock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
        }

        return response;
    }

    protected override void Dispose(bool disposing)
    {
        // The inner handler is the server's, which disposes it: a DelegatingHandler would dispose it here too.
    }

    private static bool IsBulk(HttpRequestMessage request) => request.RequestUri!.AbsolutePath switch
    {
        DlqPath + "/resume" or DlqPath + "/restart" => request.Method == HttpMethod.Post,
        DlqPath => request.Method == HttpMethod.Delete,
        _ => false,
    };

    private async Task<IReadOnlyList<DlqEntry>> FailAsync()
    {
        // Ids of the plan's own, so that the same plan makes the same entries in every drain of a case (a generator's
        // ids differ from one generator to the next, as they must across processes).
        var ids = new DefaultDlqIdGenerator();
        var failed = new List<DlqEntry>(_plan.Count);
        for (var i = 0; i < _plan.Count; i++)
        {
            _timePasses(_plan[i].After);
            var failedAt = _serviceClock.GetUtcNow();
            var dlqId = string.Create(CultureInfo.InvariantCulture, $"{failedAt.ToUnixTimeMilliseconds()}-during-{i}");
            failed.Add(FailedRun.For(_plan[i].WorkflowUrl).WithIds(ids).WithDlqId(dlqId).FailedAt(failedAt).Build());
        }

        await _engine.DeadLetterAsync(failed);
        return failed;
    }
}

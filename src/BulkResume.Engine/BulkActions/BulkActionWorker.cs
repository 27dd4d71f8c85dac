using BulkResume.Engine.BulkActions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BulkResume.Engine;

/// <summary>Works through the async bulk actions of an engine's store, in the background or until none is left.</summary>
/// <remarks>
/// Actions live in the store, so a worker started over a store that holds unfinished actions (after a crash, or created
/// by another process) carries them on; any number of workers, in one process or several, may work on one action, each
/// entry acted on once. <see cref="DlqTestServer"/> and the emulator run one each.
/// </remarks>
public sealed class BulkActionWorker
{
    /// <summary>How often a waiting worker looks for actions another process created.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly BulkActionService _actions;
    private readonly FaultInjector? _faults;
    private readonly ILogger _logger;

    /// <summary>Creates a worker.</summary>
    /// <param name="engine">The engine whose actions it works through.</param>
    /// <param name="faults">Whose <see cref="FaultInjector.HoldBulkActions"/> it obeys; <see langword="null"/> for none.</param>
    /// <param name="logger">Where a failed slice is logged before it is tried again; <see langword="null"/> for nowhere.</param>
    public BulkActionWorker(DlqEngine engine, FaultInjector? faults = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _actions = engine.BulkActions;
        _faults = faults;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Works through actions as they come until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Stops the worker; a slice under way is rolled back and done again later.</param>
    /// <returns>A task that completes when the worker has stopped.</returns>
    /// <remarks>
    /// It starts at once on actions this engine creates, and looks for others every half second. A slice that fails (the
    /// database is down, say) is logged and tried again.
    /// </remarks>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Task created = _actions.WhenCreated;
            try
            {
                await WaitUntilIdleAsync(cancellationToken).ConfigureAwait(false);
                await Task.WhenAny(created, Task.Delay(PollInterval, cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A background worker outlives a failed slice: the slice's transaction rolled back, and it is tried again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                BulkActionLog.SliceFailed(_logger, exception);
                await Task.WhenAny(Task.Delay(PollInterval, cancellationToken)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Works through every unfinished action until none is left, beside any other worker.</summary>
    /// <param name="cancellationToken">Stops waiting; a slice under way is rolled back.</param>
    /// <returns>A task that completes when the store holds no unfinished action.</returns>
    /// <remarks>
    /// The awaitable way for a test to let its actions finish. While <see cref="FaultInjector.HoldBulkActions"/> is set it
    /// waits for the release.
    /// </remarks>
    public Task WaitUntilIdleAsync(CancellationToken cancellationToken = default) =>
        _actions.RunUntilIdleAsync(token => _faults?.WhileBulkActionsHeldAsync(token) ?? Task.CompletedTask, cancellationToken);
}

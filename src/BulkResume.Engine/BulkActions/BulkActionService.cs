using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.BulkActions;

/// <summary>
/// The async bulk actions of one engine: created once per selection while one runs, read back for 7 days, and worked
/// through slice by slice (<see cref="BulkActionWorker"/> calls <see cref="RunUntilIdleAsync"/>).
/// </summary>
/// <remarks>
/// Everything an action is lives in the store, so any engine over the same store (another process, after a restart)
/// carries it on; each slice's take and its progress are one transaction.
/// </remarks>
internal sealed class BulkActionService(DlqEngine engine)
{
    /// <summary>How long an action is kept after it is created, by the engine's clock.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>The list's page size when none is asked for, and its most.</summary>
    public const int DefaultListCount = 100;

    public const int MaxListCount = 1000;

    /// <summary>How many unfinished actions one pass of the worker reads; it takes a slice of each, in turn.</summary>
    private const int UnfinishedPerPass = 100;

    private readonly ConcurrentDictionary<string, object> _positions = new(StringComparer.Ordinal);
    private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when an action is created in this process after the call.</summary>
    public Task WhenCreated => Volatile.Read(ref _created).Task;

    /// <summary>Starts an action of <paramref name="kind"/> over <paramref name="filter"/>, or finds the identical one running.</summary>
    /// <returns>The action's id.</returns>
    /// <exception cref="DlqEngineException">
    /// The selection or an override is refused, or an action of this kind and selection runs with other overrides
    /// (<see cref="DlqErrorKind.Conflict"/>); nothing was created.
    /// </exception>
    public async ValueTask<string> StartAsync(
        BulkActionKind kind, IReadOnlyDictionary<string, IReadOnlyList<string>> filter, ResumeOverrides? overrides, CancellationToken cancellationToken)
    {
        string key = kind.KeyOf(filter);
        (long total, BulkActionDefinition definition) = await kind.DefineAsync(engine, filter, overrides, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = engine.Options.TimeProvider.GetUtcNow();
        var action = new BulkActionRecord(NewId(now), key, definition.ToJson(), total, 0, now, completedAt: null);
        BulkActionRecord stored = await engine.Writes.AddBulkActionAsync(action, cancellationToken).ConfigureAwait(false);
        if (stored.ActionId != action.ActionId)
        {
            return SameRequest(kind, stored, definition);
        }

        TaskCompletionSource created = Interlocked.Exchange(ref _created, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        created.TrySetResult();
        return action.ActionId;
    }

    /// <summary>The action with this id.</summary>
    /// <exception cref="DlqEngineException">No such action, or it is more than 7 days old (<see cref="DlqErrorKind.NotFound"/>).</exception>
    public async ValueTask<BulkActionView> GetAsync(string actionId, CancellationToken cancellationToken)
    {
        BulkActionRecord? action = await engine.Store.GetBulkActionAsync(actionId, cancellationToken).ConfigureAwait(false);
        return action is not null && action.CreatedAt >= KeptSince()
            ? new BulkActionView(action)
            : throw new DlqEngineException(
                DlqErrorKind.NotFound,
                $"No bulk action '{actionId}': it does not exist, or was created more than {Retention.TotalDays.ToString(CultureInfo.InvariantCulture)} days ago. List the actions kept with GET /v2/workflows/bulkActions.",
                "actionId");
    }

    /// <summary>
    /// One page of the actions kept, newest first, and the cursor of the next; with <paramref name="finished"/>, the page
    /// holds only those in that state, so it may hold fewer than <paramref name="count"/>, or none, while a cursor remains.
    /// </summary>
    public async ValueTask<(IReadOnlyList<BulkActionView> Actions, string? Cursor)> ListAsync(
        string? cursor, int count, bool? finished, CancellationToken cancellationToken)
    {
        IReadOnlyList<BulkActionRecord> page = await engine.Store.QueryBulkActionsAsync(
            KeptSince(), string.IsNullOrEmpty(cursor) ? null : cursor, unfinishedOnly: false, count + 1, cancellationToken).ConfigureAwait(false);
        string? next = page.Count > count ? page[count - 1].ActionId : null;
        return (page.Take(count).Where(action => finished is null || (action.CompletedAt is not null) == finished).Select(action => new BulkActionView(action)).ToArray(), next);
    }

    /// <summary>
    /// Works through every unfinished action, a slice of each in turn, until none is left; before each slice it waits
    /// for <paramref name="beforeSlice"/> (a hold).
    /// </summary>
    /// <returns>A task that completes when the store holds no unfinished action.</returns>
    public async Task RunUntilIdleAsync(Func<CancellationToken, Task> beforeSlice, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Expired actions too: an action is finished whatever its age, so its entries are acted on exactly once.
            IReadOnlyList<BulkActionRecord> unfinished = await engine.Store.QueryBulkActionsAsync(
                DateTimeOffset.MinValue, beforeActionId: null, unfinishedOnly: true, UnfinishedPerPass, cancellationToken).ConfigureAwait(false);
            if (unfinished.Count == 0)
            {
                return;
            }

            foreach (BulkActionRecord action in unfinished)
            {
                await beforeSlice(cancellationToken).ConfigureAwait(false);
                BulkActionDefinition definition = BulkActionDefinition.Parse(action.Definition);
                await BulkActionKind.Named(definition.Kind).RunSliceAsync(engine, action, definition, _positions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// An id that sorts by creation time (the list's order) and is unique: the creation time in milliseconds, fixed
    /// width, and 48 random bits.
    /// </summary>
    private static string NewId(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"bulk_{now.ToUnixTimeMilliseconds():D13}{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}");

    /// <summary>An identical request returns the running action's id; one with other overrides is refused, since dropping them would make runs the caller did not ask for.</summary>
    private static string SameRequest(BulkActionKind kind, BulkActionRecord running, BulkActionDefinition asked) =>
        BulkActionDefinition.Parse(running.Definition).OverridesText() == asked.OverridesText()
            ? running.ActionId
            : throw new DlqEngineException(
                DlqErrorKind.Conflict,
                $"A bulk {kind.Name} of this selection is already running as action {running.ActionId}, with other override headers. Nothing was created; wait for it to finish (GET /v2/workflows/bulkActions/{running.ActionId}), or send the same override headers to get its id.");

    private DateTimeOffset KeptSince() => engine.Options.TimeProvider.GetUtcNow() - Retention;
}

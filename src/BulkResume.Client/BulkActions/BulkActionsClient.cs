using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;
using BulkResume.Internal.Paging;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>The bulk actions the service runs (<c>/v2/workflows/bulkActions</c>): read one, list them, watch one.</summary>
/// <remarks>
/// Get it from <see cref="WorkflowClient.BulkActions"/>; actions are started by <see cref="DlqClient.StartBulkResumeAsync"/>
/// and the other <c>StartBulk...</c> calls. The service keeps an action 7 days after it was created. Members are virtual
/// so that tests can mock them (see <see cref="DlqModelFactory.BulkAction"/> and <see cref="AsyncPageable{T}.FromPages"/>).
/// </remarks>
public class BulkActionsClient
{
    /// <summary>The most actions the service lists per request (<c>count</c>); it answers 100 when none is asked for.</summary>
    private const int MaxPageSize = 1000;

    private readonly WorkflowPipeline? _pipeline;

    /// <summary>For mocking only: every member called on an instance created this way must be overridden.</summary>
    protected BulkActionsClient()
    {
    }

    internal BulkActionsClient(WorkflowPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>Reads one bulk action (<c>GET /v2/workflows/bulkActions/{actionId}</c>).</summary>
    /// <param name="actionId">The action's id (<see cref="BulkActionOperation.Id"/>, <see cref="BulkAction.ActionId"/>).</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The action as the service reports it now.</returns>
    /// <exception cref="ArgumentException"><paramref name="actionId"/> is blank or has a control character. Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">The service answered an error: status 404 when it does not know the action (or no longer: it keeps one 7 days).</exception>
    public virtual Task<BulkAction> GetAsync(string actionId, CancellationToken cancellationToken = default) =>
        BulkActionRequests.ReadAsync(Pipeline, BulkActionRequests.EnsureId(actionId, nameof(actionId)), cancellationToken);

    /// <summary>Lists the bulk actions the service keeps, lazily, following its cursor.</summary>
    /// <param name="state">Only the actions in this state; null for all. One of those <see cref="BulkActionState"/> lists.</param>
    /// <param name="cancellationToken">Stops the enumeration between pages and aborts the request in flight.</param>
    /// <returns>The actions, lazily; use <see cref="AsyncPageable{T}.AsPages(string?, int?)"/> for pages (a <c>pageSizeHint</c> of 1 to 1000).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a state this SDK knows: the service might ignore it and list more. Nothing was sent.</exception>
    /// <remarks>
    /// The service applies <paramref name="state"/> to each page separately, so a page may hold fewer actions than asked
    /// for, or none, while more remain: the enumeration reads on until the service answers no cursor.
    /// </remarks>
    public virtual AsyncPageable<BulkAction> ListAsync(BulkActionState? state = null, CancellationToken cancellationToken = default)
    {
        if (state is { } only)
        {
            ExtensibleEnum.EnsureKnown(only, nameof(state));
        }

        var stateName = state?.ToString();
        return new ListOperation<BulkActionListResponseWire, BulkAction>(
                Pipeline,
                BulkActionRequests.Path,
                query =>
                {
                    if (stateName is not null)
                    {
                        query.Add("state", stateName);
                    }
                },
                WorkflowJsonContext.Default.BulkActionListResponseWire,
                static answer => (answer.BulkActions is null ? [] : answer.BulkActions.ConvertAll(action => action.ToModel()), answer.Cursor),
                pageSize: null,
                MaxPageSize)
            .ToPageable(cancellationToken);
    }

    /// <summary>An operation to watch a bulk action started elsewhere (by another process, the CLI, the console), by its id.</summary>
    /// <param name="actionId">The action's id.</param>
    /// <returns>The operation; nothing is sent until it reads the action, so its <see cref="BulkActionOperation.Value"/> is null until then.</returns>
    /// <exception cref="ArgumentException"><paramref name="actionId"/> is blank or has a control character.</exception>
    public virtual BulkActionOperation GetOperation(string actionId) =>
        new(Pipeline, BulkActionRequests.EnsureId(actionId, nameof(actionId)));

    private WorkflowPipeline Pipeline =>
        _pipeline ?? throw new InvalidOperationException("This BulkActionsClient was created for mocking; override the member you call.");
}

using System.Globalization;
using BulkResume.Engine.Http.Endpoints;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BulkResume.Engine.Http;

/// <summary>
/// The DLQ API over a <see cref="DlqEngine"/>, free of any transport: authenticates, routes, parses the query and
/// headers, and answers status, headers and a JSON body, every error as <c>{"error":"..."}</c>.
/// </summary>
/// <remarks>
/// Every answer carries the engine's clock in a <c>Date</c> header. The in-process handler and the Kestrel emulator
/// both serve it.
/// </remarks>
public sealed class DlqHttpApi
{
    private readonly DlqApiAuthentication _authentication;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly DlqRouteTable _routes = new();

    /// <summary>Creates the API for callers that present <paramref name="token"/>.</summary>
    /// <param name="engine">The engine that does the work.</param>
    /// <param name="token">The token callers must present.</param>
    public DlqHttpApi(DlqEngine engine, string token)
        : this(engine, DlqApiAuthentication.Token(token))
    {
    }

    /// <summary>Creates the API.</summary>
    /// <param name="engine">The engine that does the work.</param>
    /// <param name="authentication">Who may call it.</param>
    /// <param name="logger">Where an unexpected failure is logged with its exception (the caller gets a plain 500); <see langword="null"/> for nowhere.</param>
    public DlqHttpApi(DlqEngine engine, DlqApiAuthentication authentication, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(authentication);
        _authentication = authentication;
        _clock = engine.Options.TimeProvider;
        _logger = logger ?? NullLogger.Instance;
        new DlqMessagesEndpoint(engine).MapTo(_routes);
        new ResumeEndpoint(engine).MapTo(_routes);
        new FailureCallbackEndpoint(engine).MapTo(_routes);
        new RunLogsEndpoint(engine).MapTo(_routes);
        new RunsEndpoint(engine).MapTo(_routes);
        new BulkActionsEndpoint(engine).MapTo(_routes);
        new SigningKeysEndpoint(engine).MapTo(_routes);
        new WorkflowProtocolEndpoint(engine).MapTo(_routes);
        new TriggerEndpoint(engine).MapTo(_routes);
        new EventsEndpoint(engine).MapTo(_routes);
    }

    /// <summary>Answers one request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: 200 with the endpoint's body, or 400/401/404/405/500 with <c>{"error":"..."}</c>.</returns>
    public async ValueTask<DlqApiResponse> HandleAsync(DlqApiRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Dated(await AnswerAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Answers one request with <paramref name="faults"/> injected between the wire and the API, after authentication: a
    /// caller without the token is answered 401 and uses up no fault and no rate limit.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="faults">The faults to inject, or <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call, including injected latency.</param>
    /// <returns>The response, or a dropped connection.</returns>
    public async ValueTask<FaultedResponse> HandleWithFaultsAsync(DlqApiRequest request, FaultInjector? faults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        FaultedResponse answer = faults is null
            ? new FaultedResponse(await AnswerAsync(request, cancellationToken).ConfigureAwait(false))
            : _authentication.Check(request) is { } problem
                ? new FaultedResponse(DlqApiResponses.Error(401, problem))
                : await faults.ApplyAsync(token => AnswerAsync(request, token), cancellationToken).ConfigureAwait(false);
        return answer.Response is { } response ? new FaultedResponse(Dated(response)) : answer;
    }

    private async ValueTask<DlqApiResponse> AnswerAsync(DlqApiRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (_authentication.Check(request) is { } problem)
            {
                return DlqApiResponses.Error(401, problem);
            }

            DlqRouteMatch match = _routes.Find(request.Method, request.Path);
            if (match.Route is null)
            {
                return match.AllowedMethods.Count == 0
                    ? DlqApiResponses.Error(404, $"Not found: {request.Path}")
                    : DlqApiResponses.Error(
                        405,
                        $"Method {request.Method} is not allowed on {request.Path}; use {string.Join(" or ", match.AllowedMethods)}.",
                        new Dictionary<string, string> { ["Allow"] = string.Join(", ", match.AllowedMethods) });
            }

            if (request.QueryProblem is { } unreadable)
            {
                throw unreadable;
            }

            match.Route.Parameters.Check(request, $"{match.Route.Method} {match.Route.Template}");
            return await match.Route.Handler(request, match.RouteValues, cancellationToken).ConfigureAwait(false);
        }
        catch (DlqEngineException exception)
        {
            return DlqApiResponses.Error(exception.StatusCode, exception.Message);
        }
        catch (Delivery.UnsupportedFeatureException exception)
        {
            // 412, never 400: the SDK fails the run at once with this message, where it reads a 400 as "run finished".
            return DlqApiResponses.Error(412, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The API's contract is a 500 without details for anything unexpected.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ApiLog.UnexpectedFailure(_logger, request.Method, request.Path, exception);
            return DlqApiResponses.Error(500, "Internal error");
        }
    }

    /// <summary>
    /// The answer with the engine's clock in a <c>Date</c> header (IMF-fixdate, to the second), as the service sends
    /// its own: a client reads from it how far the failure times it may select reach, whatever its own clock says.
    /// </summary>
    /// <remarks>An injected failure that brings a <c>Date</c> of its own keeps it.</remarks>
    private DlqApiResponse Dated(DlqApiResponse response)
    {
        var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase);
        headers.TryAdd("Date", _clock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
        return new DlqApiResponse(response.Status, response.Body, headers);
    }
}

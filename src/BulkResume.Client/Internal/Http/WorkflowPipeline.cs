using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace BulkResume.Internal.Http;

/// <summary>
/// Sends <see cref="WorkflowRequest"/>s through the resilience pipeline: adds authentication, traces and counts each
/// attempt, reads JSON answers with source-generated metadata, and turns error answers into
/// <see cref="WorkflowApiException"/>s.
/// </summary>
/// <remarks>Shared by every sub-client.</remarks>
internal sealed class WorkflowPipeline
{
    private readonly Func<HttpClient> _httpClient;
    private readonly WorkflowClientSettings _settings;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly SecretRedactor _redactor;
    private readonly ResiliencePipeline<HttpResponseMessage> _resilience;
    private readonly TimeProvider _timeProvider;

    public WorkflowPipeline(Func<HttpClient> httpClient, WorkflowClientSettings settings, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, ClientTelemetry telemetry)
    {
        _httpClient = httpClient;
        _settings = settings;
        _authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        _redactor = new SecretRedactor(settings.Token);
        Logger = (ILogger?)loggerFactory?.CreateLogger(WorkflowTelemetry.LoggerCategory) ?? NullLogger.Instance;
        Telemetry = telemetry;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _resilience = ResiliencePipelineFactory.Create(settings, _timeProvider, RateLimits, Logger, telemetry);
    }

    public ILogger Logger { get; }

    public ClientTelemetry Telemetry { get; }

    /// <summary>The rate-limit pause every request of this client waits for.</summary>
    public RateLimitGate RateLimits { get; } = new();

    /// <summary>The client's clock: the one every wait uses.</summary>
    public TimeProvider Time => _timeProvider;

    /// <summary>
    /// Holds every request of this client for the wait a 429 that ended a request names (<see cref="RateLimits"/>), as a
    /// 429 that is retried does: for a caller that goes on after it, such as a wait for a bulk action.
    /// </summary>
    /// <param name="limited">The 429 the request ended with.</param>
    /// <returns>The pause.</returns>
    public TimeSpan PauseFor(RateLimitedException limited)
    {
        var now = _timeProvider.GetUtcNow();
        var pause = ResiliencePipelineFactory.RateLimitPause(limited.RateLimit, now, _settings);
        RateLimits.PauseUntil(now, now + pause);
        return pause;
    }

    /// <summary>Sends the request and deserializes a successful answer.</summary>
    public async Task<T> SendAsync<T>(WorkflowRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken) =>
        (await SendForResultAsync(request, responseType, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>
    /// Sends the request and deserializes a successful answer, with the service's clock when it answered (its
    /// <c>Date</c>, whole seconds, if it sent one) and how many attempts before it may have been applied.
    /// </summary>
    /// <exception cref="WorkflowApiException">The request failed; the exception counts its attempts in doubt.</exception>
    public async Task<(T Value, DateTimeOffset? Date, int AttemptsInDoubt)> SendForResultAsync<T>(WorkflowRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var inFlight = new InFlightRequest(Telemetry, request);
        var (response, attempts) = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var date = response.Headers.Date;
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                try
                {
                    var value = await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false);
                    return (value ?? throw UnreadableSuccess(request, response, attempts, "the body is empty"), date, attempts.AttemptsInDoubt);
                }
                catch (JsonException exception)
                {
                    throw UnreadableSuccess(request, response, attempts, _redactor.Redact(exception.Message));
                }
                catch (IOException exception)
                {
                    throw UnreadableSuccess(request, response, attempts, $"it was cut off: {_redactor.Redact(exception.Message)}");
                }
            }
        }
    }

    /// <summary>Sends a request whose successful answer has no body worth reading.</summary>
    public async Task SendAsync(WorkflowRequest request, CancellationToken cancellationToken)
    {
        using var inFlight = new InFlightRequest(Telemetry, request);
        var (response, _) = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        response.Dispose();
    }

    /// <summary>The successful answer and its attempts; a failure is thrown with them counted.</summary>
    private async Task<(HttpResponseMessage Response, AttemptState Attempts)> SendCoreAsync(WorkflowRequest request, CancellationToken cancellationToken)
    {
        var state = new AttemptState(this, request);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePipelineFactory.RequestKey, request);
        HttpResponseMessage response;
        try
        {
            var outcome = await _resilience.ExecuteOutcomeAsync(static (ctx, s) => s.Pipeline.SendAttemptAsync(s, ctx.CancellationToken), context, state).ConfigureAwait(false);
            outcome.ThrowIfException();
            response = outcome.Result!;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException)
        {
            var reason = exception is TimeoutRejectedException
                ? $"no answer in time after {state.Attempts} attempt(s)"
                : $"the connection failed after {state.Attempts} attempt(s): {_redactor.Redact(exception.Message)}";
            throw new WorkflowApiException(0, reason, request.Method.Method, request.Path, exception) { Attempts = state.Attempts, AttemptsInDoubt = state.AttemptsInDoubt };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (request.IsSuccess(response))
        {
            return (response, state);
        }

        using (response)
        {
            throw await ApiErrorFactory.CreateAsync(state, response, _timeProvider.GetUtcNow(), _redactor, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<Outcome<HttpResponseMessage>> SendAttemptAsync(AttemptState state, CancellationToken cancellationToken)
    {
        var request = state.Request;
        state.Attempts++;
        using var activity = ClientTelemetry.Source.StartActivity($"{request.Method.Method} {request.Path}", ActivityKind.Client);
        activity?.SetTag("http.request.method", request.Method.Method);
        activity?.SetTag("url.path", request.Path);
        activity?.SetTag("bulkresume.attempt", state.Attempts);
        if (request.Part is { } part)
        {
            activity?.SetTag("bulkresume.part", part);
        }

        using var message = new HttpRequestMessage(request.Method, _settings.BaseUrl + request.Path + request.Query.ToString());
        message.Headers.Authorization = _authorization;
        foreach (var header in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Body is { } body)
        {
            message.Content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse(request.BodyContentType ?? "application/json; charset=utf-8") } };
        }

        try
        {
            var response = await _httpClient().SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", status);
            if (!request.IsSuccess(response))
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            state.Ended(RetryClassifier.MayHaveBeenApplied(response.StatusCode));
            Count(request, status);
            Log.AttemptCompleted(Logger, request.Method.Method, request.Path, status, state.Attempts);
            return Outcome.FromResult(response);
        }
        catch (HttpRequestException exception)
        {
            state.Ended(RetryClassifier.MayHaveBeenApplied(exception));
            activity?.SetStatus(ActivityStatusCode.Error, exception.HttpRequestError.ToString());
            Count(request, 0);
            return Outcome.FromException<HttpResponseMessage>(exception);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The attempt timed out (or the caller canceled): the request may have reached the service.
            state.Ended(mayHaveBeenApplied: true);
            activity?.SetStatus(ActivityStatusCode.Error, "canceled");
            throw;
        }
    }

    private void Count(WorkflowRequest request, int status) =>
        Telemetry.Requests.Add(
            1,
            new KeyValuePair<string, object?>("http.request.method", request.Method.Method),
            new KeyValuePair<string, object?>("url.template", request.Route),
            new KeyValuePair<string, object?>("http.response.status_code", status));

    /// <summary>
    /// A success whose body can't be read: the service did what the request asked, so for a request that changes
    /// something this attempt counts as one that may have been applied.
    /// </summary>
    private static WorkflowApiException UnreadableSuccess(WorkflowRequest request, HttpResponseMessage response, AttemptState attempts, string reason) =>
        new((int)response.StatusCode, $"The service's answer could not be read ({reason}).", request.Method.Method, request.Path)
        {
            Attempts = attempts.Attempts,
            AttemptsInDoubt = attempts.AttemptsInDoubt + (request.ChangesState ? 1 : 0),
        };
}

using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BulkResume.Internal.Http;

/// <summary>
/// Sends <see cref="WorkflowRequest"/>s: adds authentication, reads JSON answers with source-generated
/// metadata, and turns error answers into <see cref="WorkflowApiException"/>s. Shared by every sub-client.
/// </summary>
internal sealed class WorkflowPipeline
{
    private readonly HttpClient _httpClient;
    private readonly WorkflowClientSettings _settings;
    private readonly AuthenticationHeaderValue _authorization;

    public WorkflowPipeline(HttpClient httpClient, WorkflowClientSettings settings)
    {
        _httpClient = httpClient;
        _settings = settings;
        _authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
    }

    /// <summary>Sends the request and deserializes a successful answer.</summary>
    public async Task<T> SendAsync<T>(WorkflowRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var value = await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false);
                return value ?? throw InvalidAnswer(request, response, "the body is empty");
            }
            catch (JsonException exception)
            {
                throw InvalidAnswer(request, response, exception.Message);
            }
        }
    }

    /// <summary>Sends a request whose successful answer has no body worth reading.</summary>
    public async Task SendAsync(WorkflowRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(WorkflowRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, _settings.BaseUrl + request.Path + request.Query.ToString());
        message.Headers.Authorization = _authorization;
        foreach (var header in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ApiErrorFactory.CreateAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static WorkflowApiException InvalidAnswer(WorkflowRequest request, HttpResponseMessage response, string reason) =>
        new((int)response.StatusCode, $"The service's answer could not be read ({reason}).", request.Method.Method, request.Path);
}

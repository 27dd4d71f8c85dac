using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BulkResume.Emulator;

namespace BulkResume.IntegrationTests.Support;

/// <summary>Plain HTTP requests to a running emulator over loopback, as a test in another language sends them, with its token.</summary>
internal static class EmulatorHttp
{
    public static async Task<EmulatorReply> SendAsync(WorkflowEmulator emulator, HttpMethod method, string pathAndQuery, string? json = null)
    {
        using var http = new HttpClient { BaseAddress = emulator.Url };
        using var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        return new EmulatorReply(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
    }
}

/// <summary>An emulator's answer: its status, its body and its headers.</summary>
internal sealed record EmulatorReply(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

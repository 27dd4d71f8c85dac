using System.Net.Http.Headers;
using System.Text.Json;

namespace BulkResume.Benchmarks.HandWritten;

/// <summary>
/// The smallest hand-written bulk resume: one POST per page with the bearer header, the filter, <c>count</c> and the
/// cursor, the answer read with source-generated System.Text.Json, until the service gives no cursor. The floor the
/// client's overhead is measured against.
/// </summary>
internal sealed class RawResumeLoop
{
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly string _firstPage;

    public RawResumeLoop(HttpClient http, Uri baseUrl, string token, string workflowUrl)
    {
        _http = http;
        _authorization = new AuthenticationHeaderValue("Bearer", token);
        _firstPage = baseUrl.ToString().TrimEnd('/') + "/v2/workflows/dlq/resume?workflowUrl=" + Uri.EscapeDataString(workflowUrl) + "&count=50";
    }

    /// <summary>Resumes every selected entry; <paramref name="afterPage"/> hears the running total after each page.</summary>
    public async Task<int> DrainAsync(Action<int>? afterPage = null)
    {
        int resumed = 0;
        string? cursor = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, cursor is null ? _firstPage : _firstPage + "&cursor=" + Uri.EscapeDataString(cursor));
            request.Headers.Authorization = _authorization;
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using Stream body = await response.Content.ReadAsStreamAsync();
            RawResumePage page = await JsonSerializer.DeserializeAsync(body, RawJsonContext.Default.RawResumePage)
                ?? throw new InvalidOperationException("The bulk-resume answer is empty.");
            resumed += page.WorkflowRuns.Length;
            cursor = page.Cursor;
            afterPage?.Invoke(resumed);
        }
        while (!string.IsNullOrEmpty(cursor));

        return resumed;
    }
}

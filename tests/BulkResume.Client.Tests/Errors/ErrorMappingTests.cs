using BulkResume.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.Errors;

/// <summary>Error answers become typed exceptions with the status, the service's message and the request, never the token.</summary>
public sealed class ErrorMappingTests : WireMockTestBase
{
    private void StubError(int status, string body, Action<IResponseBuilder>? headers = null)
    {
        var response = Response.Create().WithStatusCode(status).WithBody(body);
        headers?.Invoke(response);
        Server.Given(Request.Create().WithPath(ResumePath).UsingPost()).RespondWith(response);
    }

    [Theory]
    [InlineData(400, "Incompatible step name. Expected fetch, got charge")]
    [InlineData(401, "Unauthorized")]
    [InlineData(404, "Route not found")]
    [InlineData(500, "Internal error")]
    public async Task A_json_error_body_gives_its_message_status_and_request(int status, string message)
    {
        StubError(status, $$"""{"error":"{{message}}"}""");

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All())));

        Assert.Equal(status, error.Status);
        Assert.Equal(message, error.ErrorMessage);
        Assert.Equal("POST", error.RequestMethod);
        Assert.Equal(ResumePath, error.RequestPath);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "", "Internal Server Error")]
    [InlineData(502, "<html><body>Bad gateway</body></html>", "<html><body>Bad gateway</body></html>")]
    [InlineData(400, "plain text problem", "plain text problem")]
    [InlineData(503, "{\"message\":\"not our shape\"}", "{\"message\":\"not our shape\"}")]
    public async Task An_empty_or_non_json_body_still_gives_a_useful_message(int status, string body, string expected)
    {
        StubError(status, body);

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All())));

        Assert.Equal(status, error.Status);
        Assert.Equal(expected, error.ErrorMessage);
    }

    [Theory]
    [InlineData("POST /v2/workflows/dlq/resume HTTP/1.1\r\nHost: qstash.upstash.io\r\nAuthorization: Bearer {token}\r\nAccept: */*")]
    [InlineData("{\"error\":\"token {token} is not allowed here\"}")]
    [InlineData("<pre>authorization=Bearer {token}</pre>")]
    [InlineData("upstream said: bearer {token}")]
    public async Task A_body_that_echoes_the_token_has_it_redacted_from_every_text_of_the_error(string echo)
    {
        // A stub or a proxy that echoes the request: the token must not reach ErrorMessage, Message or ToString().
        StubError(400, echo.Replace("{token}", Token, StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All())));

        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("[redacted]", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_gives_the_burst_limit_remaining_and_reset()
    {
        StubError(429, """{"error":"Burst rate limit exceeded"}""", r => r
            .WithHeader("Burst-RateLimit-Limit", "100")
            .WithHeader("Burst-RateLimit-Remaining", "0")
            .WithHeader("Burst-RateLimit-Reset", "1752829296"));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All())));

        Assert.Equal(429, error.Status);
        Assert.True(error.RateLimit.IsBurstLimit);
        Assert.Equal(100, error.RateLimit.Limit);
        Assert.Equal(0, error.RateLimit.Remaining);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1752829296), error.RateLimit.Reset);
    }

    [Fact]
    public async Task A_429_with_the_daily_limit_and_retry_after_is_read_too()
    {
        StubError(429, "", r => r
            .WithHeader("RateLimit-Limit", "500000")
            .WithHeader("RateLimit-Remaining", "0")
            .WithHeader("RateLimit-Reset", "1752883200")
            .WithHeader("Retry-After", "7"));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All())));

        Assert.False(error.RateLimit.IsBurstLimit);
        Assert.Equal(500000, error.RateLimit.Limit);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1752883200), error.RateLimit.Reset);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RateLimit.RetryAfter);
    }

    [Fact]
    public async Task A_404_for_explicit_ids_names_the_missing_ids_the_service_lists()
    {
        StubError(404, """{"error":"Some DLQ messages were not found: b, zzz"}""");

        var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds("a", "b", "c"))));

        Assert.Equal(["b"], error.DlqIds);
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task A_404_for_explicit_ids_without_names_carries_every_id_of_the_request()
    {
        StubError(404, """{"error":"Some DLQ messages were not found"}""");

        var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds("a", "b"))));

        Assert.Equal(["a", "b"], error.DlqIds);
    }

    [Fact]
    public async Task A_404_for_a_filter_is_a_plain_api_error()
    {
        StubError(404, """{"error":"Not found"}""");

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All())));

        Assert.IsNotType<DlqEntriesNotFoundException>(error);
    }

    [Fact]
    public async Task A_success_status_with_an_unreadable_body_is_an_api_error_not_a_json_exception()
    {
        StubError(200, "not json");

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All())));

        Assert.Equal(200, error.Status);
        Assert.Contains("could not be read", error.ErrorMessage, StringComparison.Ordinal);
    }
}

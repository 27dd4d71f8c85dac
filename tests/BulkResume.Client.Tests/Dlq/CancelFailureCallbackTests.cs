using BulkResume.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>
/// Canceling a failure callback: <c>DELETE /v2/workflows/dlq/callback/{dlqId}</c>, answered 302 without a body or a
/// Location on success. The 302 is success for this call only, and no handler the client uses follows a redirect.
/// </summary>
public sealed class CancelFailureCallbackTests : WireMockTestBase
{
    private const string CallbackPath = "/v2/workflows/dlq/callback/1752829295505-0";

    private void Stub302(string? location = null)
    {
        var response = Response.Create().WithStatusCode(302);
        if (location is not null)
        {
            response = response.WithHeader("Location", location);
        }

        Server.Given(Request.Create().WithPath(CallbackPath).UsingDelete()).RespondWith(response);
        Server.Given(Request.Create().WithPath("/elsewhere").UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200));
    }

    private WorkflowClientOptions Options => new() { BaseUrl = new Uri(Server.Url!), Token = Token, Retry = { Enabled = false } };

    [Fact]
    public async Task A_302_without_a_body_is_success_through_the_shared_http_client()
    {
        Stub302();

        await new WorkflowClient(Options).Dlq.CancelFailureCallbackAsync("1752829295505-0");

        var request = Assert.Single(Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal(CallbackPath, request.Path);
        Assert.Equal(string.Empty, QueryOf(request));
        Assert.True(string.IsNullOrEmpty(request.Body), "cancel takes no body");
        Assert.Equal($"Bearer {Token}", HeaderOf(request, "Authorization"));
    }

    [Fact]
    public async Task A_302_without_a_location_is_returned_as_is_even_by_a_handler_that_follows_redirects()
    {
        Stub302();
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = true };
        using var http = new HttpClient(handler);

        await new WorkflowClient(http, Options).Dlq.CancelFailureCallbackAsync("1752829295505-0");

        Assert.Single(Requests);
    }

    [Fact]
    public async Task A_302_with_a_location_is_not_followed_by_the_shared_http_client()
    {
        Stub302(Server.Url + "/elsewhere");

        await new WorkflowClient(Options).Dlq.CancelFailureCallbackAsync("1752829295505-0");

        Assert.Equal([CallbackPath], Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_302_with_a_location_is_not_followed_by_the_dependency_injection_http_client()
    {
        Stub302(Server.Url + "/elsewhere");
        var services = new ServiceCollection();
        services.AddWorkflowClient(o => { o.Token = Token; o.BaseUrl = new Uri(Server.Url!); });
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<DlqClient>().CancelFailureCallbackAsync("1752829295505-0");

        Assert.Equal([CallbackPath], Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_302_is_not_success_for_any_other_call()
    {
        Server.Given(Request.Create().WithPath("/v2/workflows/dlq/1752829295505-0").UsingDelete()).RespondWith(Response.Create().WithStatusCode(302));
        Server.Given(Request.Create().WithPath(CallbackPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(302));

        Assert.Equal(302, (await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Dlq.DeleteAsync("1752829295505-0"))).Status);
        Assert.Equal(302, (await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Dlq.RetryFailureCallbackAsync("1752829295505-0"))).Status);
    }

    [Fact]
    public async Task A_400_says_no_callback_is_in_progress()
    {
        Stub("DELETE", CallbackPath, """{"error":"The failure callback of DLQ message 1752829295505-0 is CALLBACK_FAIL; only a callback in progress (CALLBACK_INPROGRESS) can be canceled."}""", status: 400);

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Dlq.CancelFailureCallbackAsync("1752829295505-0"));

        Assert.IsNotType<OutcomeUnknownException>(error);
        Assert.Equal(400, error.Status);
        Assert.Contains("only a callback in progress", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_names_the_missing_entry()
    {
        Stub("DELETE", CallbackPath, """{"error":"DLQ message not found"}""", status: 404);

        var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => Client.Dlq.CancelFailureCallbackAsync("1752829295505-0"));

        Assert.Equal(["1752829295505-0"], error.DlqIds);
    }
}

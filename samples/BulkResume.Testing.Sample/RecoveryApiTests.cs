using System.Net;
using System.Text.Json;
using BulkResume.Engine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BulkResume.Testing.Sample;

/// <summary>
/// An ASP.NET Core app that calls the DLQ (samples/BulkResume.RecoveryApi), tested whole with WebApplicationFactory:
/// the app's own registration, with the client's HttpClient pointed at the in-process engine and the token set.
/// </summary>
public sealed class RecoveryApiTests : IDisposable
{
    private static readonly DateTimeOffset IncidentStart = new(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);

    private readonly DlqTestServer _dlq = DlqTestServer.Create();
    private readonly WebApplicationFactory<Program> _app;

    public RecoveryApiTests()
    {
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Workflow:Token", _dlq.Token);
            web.ConfigureServices(services => services
                .AddHttpClient(WorkflowServiceCollectionExtensions.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new InProcessDlqHandler(_dlq.Api)));
        });
    }

    public void Dispose()
    {
        _app.Dispose();
        _dlq.Dispose();
    }

    [Fact]
    public async Task The_endpoint_resumes_the_checkouts_of_the_window_and_says_how_many()
    {
        await _dlq.Engine.DeadLetterAsync(FailedRuns.Many(7, i => FailedRun.For(CheckoutRecovery.CheckoutUrl).FailedAt(IncidentStart.AddMinutes(i))));
        await _dlq.Engine.DeadLetterAsync(FailedRun.For(CheckoutRecovery.CheckoutUrl).FailedAt(IncidentStart.AddHours(3)).Build());
        using var http = _app.CreateClient();

        using var response = await http.PostAsync($"/recoveries/checkout?from={Uri.EscapeDataString(IncidentStart.ToString("O"))}&to={Uri.EscapeDataString(IncidentStart.AddHours(1).ToString("O"))}", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(7, body.RootElement.GetProperty("resumed").GetInt32());
        Assert.Equal(1, (await _dlq.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    [Fact]
    public async Task The_health_endpoint_reads_the_same_DLQ()
    {
        await _dlq.Engine.DeadLetterAsync(FailedRuns.Many(101, CheckoutRecovery.CheckoutUrl, IncidentStart));
        using var http = _app.CreateClient();

        var health = await http.GetStringAsync("/health");

        Assert.Equal("Degraded", health);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Web;
using BulkResume.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BulkResume.IntegrationTests.HealthChecks;

/// <summary>
/// AddWorkflowDlq through a host's HealthCheckService against the reference engine: healthy, degraded past the
/// threshold (reading no more than threshold + 1 entries), unhealthy when refused or unreachable.
/// </summary>
public sealed class WorkflowDlqHealthCheckTests : IDisposable
{
    private const string CheckoutUrl = "https://shop.example.com/api/workflows/checkout";

    private readonly DlqTestServer _server = DlqTestServer.Create();
    private readonly List<int> _countsAsked = [];

    public void Dispose() => _server.Dispose();

    private async Task<HealthReportEntry> CheckAsync(Action<WorkflowDlqHealthCheckOptions>? configure, string? token = null, Uri? baseUrl = null)
    {
        var services = new ServiceCollection();
        var http = services.AddWorkflowClient(o =>
        {
            o.Token = token ?? _server.Token;
            o.BaseUrl = baseUrl ?? DlqTestServer.DefaultBaseAddress;
            o.Retry.MaxAttempts = 1;
        });
        if (baseUrl is null)
        {
            http.ConfigurePrimaryHttpMessageHandler(() => new CountRecorder(_countsAsked) { InnerHandler = new InProcessDlqHandler(_server.Api) });
        }

        services.AddHealthChecks().AddWorkflowDlq(configure);
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[WorkflowDlqHealthCheckBuilderExtensions.DefaultName];
    }

    [Fact]
    public async Task Healthy_when_the_service_answers_and_the_selection_is_within_the_threshold()
    {
        await _server.Engine.DeadLetterAsync(FailedRuns.Many(5, CheckoutUrl, DateTimeOffset.UtcNow.AddHours(-1)));

        var entry = await CheckAsync(o => { o.Filter = ResumeFilter.Create().ForWorkflowUrl(CheckoutUrl); o.DegradedAbove = 5; });

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(5, entry.Data["entries"]);
    }

    [Fact]
    public async Task Degraded_past_the_threshold_counting_only_what_the_filter_selects()
    {
        await _server.Engine.DeadLetterAsync(FailedRuns.Many(6, CheckoutUrl, DateTimeOffset.UtcNow.AddHours(-1)));
        await _server.Engine.DeadLetterAsync(FailedRuns.Many(20, "https://shop.example.com/api/workflows/invoice", DateTimeOffset.UtcNow.AddHours(-1)));

        var checkout = await CheckAsync(o => { o.Filter = ResumeFilter.Create().ForWorkflowUrl(CheckoutUrl); o.DegradedAbove = 5; });
        var within = await CheckAsync(o => { o.Filter = ResumeFilter.Create().ForWorkflowUrl(CheckoutUrl); o.DegradedAbove = 6; });

        Assert.Equal(HealthStatus.Degraded, checkout.Status);
        Assert.Contains("more than 5 entries", checkout.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, within.Status);
    }

    [Fact]
    public async Task Reads_no_more_than_the_threshold_plus_one_entries_across_pages()
    {
        await _server.Engine.DeadLetterAsync(FailedRuns.Many(400, CheckoutUrl, DateTimeOffset.UtcNow.AddHours(-3), TimeSpan.FromSeconds(1)));

        var entry = await CheckAsync(o => o.DegradedAbove = 150);

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(151, entry.Data["entries"]);
        Assert.Equal([100, 51], _countsAsked);
    }

    [Fact]
    public async Task Unhealthy_when_the_service_refuses_the_token_and_the_report_never_shows_it()
    {
        var entry = await CheckAsync(configure: null, token: "wrong-secret-token");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("refused the token (401)", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-token", entry.Description + entry.Exception, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhealthy_when_the_service_cannot_be_reached()
    {
        var entry = await CheckAsync(o => o.DegradedAbove = 10, baseUrl: new Uri($"http://127.0.0.1:{ClosedPort()}"));

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.StartsWith("The workflow DLQ service could not be reached", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_threshold_is_refused_when_the_check_is_added()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddHealthChecks().AddWorkflowDlq(o => o.DegradedAbove = -1));

        Assert.Contains("DegradedAbove must be 0 or more", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: bound, read, and released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Records the <c>count</c> each DLQ listing asked for.</summary>
    private sealed class CountRecorder(List<int> counts) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (HttpUtility.ParseQueryString(request.RequestUri!.Query)["count"] is { } count)
            {
                counts.Add(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BulkResume.Engine;

namespace BulkResume.Aspire.Tests;

/// <summary>
/// samples/BulkResume.AppHost started as `dotnet run` would start it, through Aspire's orchestrator: the emulator with
/// the demo DLQ becomes healthy, the worker resumes the checkouts through the connection string it was handed, and
/// the same connection string, read back from the app host, reaches the emulator; the TypeScript workflow sample runs
/// as an executable beside them.
/// </summary>
public sealed class AppHostSampleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_worker_resumes_the_seeded_checkouts_through_the_emulator_it_references()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var app = await StartAppHostAsync(timeout.Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("dlq", timeout.Token);
        var worker = await app.ResourceNotifications.WaitForResourceAsync("worker", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
        var connectionString = await app.GetConnectionStringAsync("dlq", timeout.Token);

        Assert.Equal((KnownResourceStates.Finished, 0), (worker.Snapshot.State?.Text, worker.Snapshot.ExitCode));
        var client = new WorkflowClient(WorkflowClientOptions.FromConnectionString(connectionString!));
        var left = await CountAsync(client.Dlq.ListAsync(ResumeFilter.All()), timeout.Token);
        var checkoutsLeft = await CountAsync(client.Dlq.ListAsync(ResumeFilter.Create().ForWorkflowUrl(DemoDlq.CheckoutUrl)), timeout.Token);
        // The worker resumes the checkouts of the last six hours (120); the 5 two days old, invoices and e-mails stay.
        Assert.Equal(DemoDlq.Count - 120, left);
        Assert.Equal(5, checkoutsLeft);
    }

    [Fact]
    public async Task The_typescript_workflow_sample_runs_beside_the_emulator_and_answers_on_its_endpoint()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var app = await StartAppHostAsync(timeout.Token);

        await app.ResourceNotifications.WaitForResourceAsync("orders", KnownResourceStates.Running, timeout.Token);
        using var http = new HttpClient { BaseAddress = app.GetEndpoint("orders", "http") };

        // The sample answers 404 to anything but a POST to its workflow: an answer from node, not from the orchestrator.
        HttpResponseMessage answer = await EventuallyAsync(() => http.GetAsync(new Uri("/", UriKind.Relative), timeout.Token), timeout.Token);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, answer.StatusCode);
    }

    private static async Task<DistributedApplication> StartAppHostAsync(CancellationToken cancellationToken)
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.BulkResume_AppHost>(cancellationToken);
        var app = await appHost.BuildAsync(cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task<HttpResponseMessage> EventuallyAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await send();
            }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in items.WithCancellation(cancellationToken))
        {
            count++;
        }

        return count;
    }
}

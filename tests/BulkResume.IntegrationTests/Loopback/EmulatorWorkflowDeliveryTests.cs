using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BulkResume.Emulator;
using BulkResume.Engine;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// The workflow protocol through the emulator's Kestrel front door: an init message on <c>/v2/batch</c>, a step through
/// <c>/v2/publish/{url}</c> with the workflow URL in the path, the lazy fetch, and the finishing <c>DELETE</c> with a body.
/// </summary>
public sealed class EmulatorWorkflowDeliveryTests
{
    [Fact]
    public async Task A_run_triggered_published_fetched_and_finished_over_loopback_succeeds_with_the_finishing_body()
    {
        await using WorkflowEmulator emulator = await WorkflowEmulator.StartAsync();
        using var service = new HttpClient { BaseAddress = emulator.Url };
        service.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Token);
        int port = FreePort();
        string url = $"http://127.0.0.1:{port}/api/wf";
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var fetched = new List<int>();
        Task endpoint = Task.Run(async () =>
        {
            for (int delivery = 0; delivery < 2; delivery++)
            {
                HttpListenerContext context = await listener.GetContextAsync();
                using var reader = new StreamReader(context.Request.InputStream);
                int elements = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.GetArrayLength();
                string runId = context.Request.Headers["Upstash-Workflow-RunId"]!;
                if (elements == 1)
                {
                    using var step = new StringContent("""{"stepId":1,"stepName":"only","stepType":"Run","out":"\"x\"","concurrent":1}""", Encoding.UTF8, "application/json");
                    step.Headers.Add("Upstash-Workflow-RunId", runId);
                    (await service.PostAsync("/v2/publish/" + url, step)).EnsureSuccessStatusCode();
                }
                else
                {
                    fetched.Add(JsonDocument.Parse(await service.GetStringAsync("/v2/workflows/runs/" + runId)).RootElement.GetArrayLength());
                    using var finish = new HttpRequestMessage(HttpMethod.Delete, $"/v2/workflows/runs/{runId}?cancel=false") { Content = new StringContent("\"ok\"") };
                    (await service.SendAsync(finish)).EnsureSuccessStatusCode();
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        string init = $$"""[{"destination":"{{url}}","headers":{"upstash-workflow-init":"true","upstash-workflow-runid":"wfr_loop","upstash-forward-upstash-workflow-sdk-version":"1"},"body":"{}"}]""";
        using HttpResponseMessage triggered = await service.PostAsync("/v2/batch", new StringContent(init, Encoding.UTF8, "application/json"));
        await endpoint.WaitAsync(TimeSpan.FromSeconds(60));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await emulator.Deliveries.WaitUntilIdleAsync(guard.Token);

        Assert.Equal(HttpStatusCode.OK, triggered.StatusCode);
        Assert.Equal([2], fetched);
        RunRecord run = (await emulator.Store.GetRunAsync("wfr_loop"))!;
        Assert.Equal((RunState.Success, "\"ok\""), (run.State, run.Response));
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

// A generic host that registers the client from configuration and resumes what the "Resume" section selects. The
// client comes from the connection string "dlq" when an Aspire app host gives it one (samples/BulkResume.AppHost),
// else from the "Workflow" section (or QSTASH_TOKEN and QSTASH_URL); with no token at all it runs against the
// embedded engine.
using BulkResume;
using BulkResume.Engine;
using BulkResume.Host;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<ResumeJobOptions>().BindConfiguration("Resume");
builder.Services.AddHostedService<ResumeJob>();
if (builder.Configuration.GetConnectionString("dlq") is { Length: > 0 })
{
    builder.Services.AddWorkflowClientFromConnectionString("dlq");
}
else if (!string.IsNullOrWhiteSpace(builder.Configuration["Workflow:Token"]) || !string.IsNullOrWhiteSpace(builder.Configuration[WorkflowClientOptions.TokenEnvironmentVariable]))
{
    builder.Services.AddWorkflowClient();
}
else
{
    // No account: serve the API in process from the reference engine, seeded with a few failed runs.
    var engine = DlqTestServer.Create(token: "local-engine-token");
    await engine.Engine.DeadLetterAsync(FailedRuns.Many(12, builder.Configuration["Resume:WorkflowUrl"]!, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(5)));
    builder.Services.AddWorkflowClient()
        .ConfigurePrimaryHttpMessageHandler(() => new InProcessDlqHandler(engine.Api));
    builder.Services.Configure<WorkflowClientOptions>(o => o.Token = engine.Token);
}

await builder.Build().RunAsync();

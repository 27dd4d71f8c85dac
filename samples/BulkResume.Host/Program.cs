// A generic host that registers the client from configuration (section "Workflow") and resumes what the
// "Resume" section selects. With no Workflow:Token (and no QSTASH_TOKEN) it runs against the embedded engine.
using BulkResume;
using BulkResume.Engine;
using BulkResume.Engine.Http;
using BulkResume.Engine.Testing;
using BulkResume.Host;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddInMemoryCollection(FromEnvironment());
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<ResumeJobOptions>().BindConfiguration("Resume");
builder.Services.AddHostedService<ResumeJob>();
var http = builder.Services.AddWorkflowClient();

if (string.IsNullOrWhiteSpace(builder.Configuration["Workflow:Token"]))
{
    // No account: serve the API in process from the reference engine, seeded with a few failed runs.
    var engine = DlqTestServer.Create(token: "local-engine-token");
    await engine.Engine.DeadLetterAsync(FailedRuns.Many(12, builder.Configuration["Resume:WorkflowUrl"]!, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(5)));
    builder.Services.Configure<WorkflowClientOptions>(o => o.Token = engine.Token);
    http.ConfigurePrimaryHttpMessageHandler(() => new InProcessDlqHandler(engine.Api));
}

await builder.Build().RunAsync();

// QSTASH_TOKEN / QSTASH_URL, as the official SDKs read them, override the Workflow section.
static IEnumerable<KeyValuePair<string, string?>> FromEnvironment()
{
    if (Environment.GetEnvironmentVariable(WorkflowClientOptions.TokenEnvironmentVariable) is { Length: > 0 } token)
    {
        yield return new("Workflow:Token", token);
    }

    if (Environment.GetEnvironmentVariable(WorkflowClientOptions.BaseUrlEnvironmentVariable) is { Length: > 0 } url)
    {
        yield return new("Workflow:BaseUrl", url);
    }
}

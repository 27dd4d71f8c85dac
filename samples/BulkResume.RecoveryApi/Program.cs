// An operations API: POST /recoveries/checkout?from=...&to=... resumes the checkout runs that failed in that window
// and answers how many were resumed; /health reports whether the DLQ is reachable and below 100 checkouts.
using BulkResume;

var builder = WebApplication.CreateBuilder(args);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, RecoveryJsonContext.Default));
builder.Services.AddWorkflowClient(); // Workflow:Token (Workflow__Token), or QSTASH_TOKEN
builder.Services.AddHealthChecks().AddWorkflowDlq(o =>
{
    o.Filter = ResumeFilter.Create().ForWorkflowUrl(Recoveries.CheckoutUrl);
    o.DegradedAbove = 100;
});

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapPost("/recoveries/checkout", Recoveries.ResumeCheckoutsAsync);
app.Run();

/// <summary>The entry point, public so that tests can start the app with WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;

// The app host: `dotnet run --project samples/BulkResume.AppHost` starts the emulator with the demo DLQ, shows its
// console on the Aspire dashboard, runs the worker, which resumes the checkouts that failed in the last six hours, and
// serves the TypeScript workflow sample, which the emulator delivers to.
// Its launch profile (Properties/launchSettings.json) serves the dashboard over plain HTTP on loopback, so a machine
// without a developer certificate runs it as is.
using System.Reflection;

var builder = DistributedApplication.CreateBuilder(args);

var dlq = builder.AddBulkResumeEmulator("dlq")
    .WithDemoSeed()
    .WithEmulatorAssembly(EmulatorAssembly());

builder.AddProject<Projects.BulkResume_Host>("worker")
    .WithReference(dlq)
    .WaitFor(dlq);

// The TypeScript workflow of samples/TypeScriptWorkflow (`npm ci` there first) as an executable: the SDK publishes its
// steps to the emulator and the emulator delivers them to it. Trigger runs from that folder with the URL and token the
// dashboard shows, and WORKFLOW_URL set to this resource's address.
builder.AddExecutable("orders", "node", Path.Combine(builder.AppHostDirectory, "..", "TypeScriptWorkflow"), "--import", "tsx", "src/app.ts")
    .WithHttpEndpoint(env: "PORT", isProxied: false)
    .WithEnvironment("QSTASH_URL", dlq.GetEndpoint(BulkResumeEmulatorResource.HttpEndpointName))
    .WithEnvironment(context => context.EnvironmentVariables["QSTASH_TOKEN"] = dlq.Resource.Token)
    .WaitFor(dlq);

builder.Build().Run();

// The emulator built beside this app host (see the project file); an app of yours leaves WithEmulatorAssembly out and
// runs the installed bulkresume-emulator tool.
static string EmulatorAssembly() =>
    typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BulkResume.EmulatorAssembly").Value!;

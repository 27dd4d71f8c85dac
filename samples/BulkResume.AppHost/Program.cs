// The app host: `dotnet run --project samples/BulkResume.AppHost` starts the emulator with the demo DLQ, shows its
// console on the Aspire dashboard, and runs the worker, which resumes the checkouts that failed in the last six hours.
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

builder.Build().Run();

// The emulator built beside this app host (see the project file); an app of yours leaves WithEmulatorAssembly out and
// runs the installed bulkresume-emulator tool.
static string EmulatorAssembly() =>
    typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BulkResume.EmulatorAssembly").Value!;

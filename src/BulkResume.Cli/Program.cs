// bulkresume: an operator CLI for the workflow Dead Letter Queue.
//
//   dotnet run --project src/BulkResume.Cli -- list --url https://shop.example.com/api/workflows/checkout
//   dotnet run --project src/BulkResume.Cli -- resume --from -2h --label checkout --dry-run
//   dotnet run --project src/BulkResume.Cli -- resume --from -2h --label checkout --yes
//
// Without QSTASH_TOKEN it runs against the embedded reference engine seeded with demo data.
using BulkResume.Cli;
using BulkResume.Cli.Hosting;

using var stop = new ConsoleStopSignal();
return await CliApp.RunAsync(args, CliEnvironment.ForProcess(stop.Token));

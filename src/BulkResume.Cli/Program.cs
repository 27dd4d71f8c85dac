// bulkresume (the .NET tool BulkResume.Cli): an operator CLI for the workflow Dead Letter Queue.
//
//   bulkresume list --workflow-url https://shop.example.com/api/workflows/checkout
//   bulkresume resume --from -2h --label checkout --dry-run
//   bulkresume resume --from -2h --label checkout --yes
//
// It acts on the service at --url (QSTASH_URL) with --token (QSTASH_TOKEN); without a token it refuses unless --demo.
using BulkResume.Cli;
using BulkResume.Cli.Hosting;

using var stop = new ConsoleStopSignal();
return await CliApp.RunAsync(args, CliEnvironment.ForProcess(stop));

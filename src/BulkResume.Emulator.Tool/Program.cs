// The emulator as a program (installed as the .NET tool bulkresume-emulator): the reference DLQ engine on Kestrel,
// on loopback unless --host says otherwise.
//   BULKRESUME_EMULATOR_TOKEN=dev-token bulkresume-emulator --port 8080 [--store sqlite:dlq.db] [--seed demo]
using System.CommandLine;
using BulkResume;
using BulkResume.Emulator.Tool;
using BulkResume.Emulator.Tool.CommandLine;

// The host handles SIGINT and SIGTERM itself (a graceful stop), so System.CommandLine's own handling is off.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await CommandLineErrors.InvokeAsync(EmulatorCommand.Create(EmulatorHost.RunAsync), EmulatorCommand.Name, args, Console.Out, Console.Error, configuration);

// The emulator executable: the reference DLQ engine on Kestrel, on loopback unless --host says otherwise.
//   dotnet run --project src/BulkResume.Emulator.Tool -- --port 8080 --token dev-token --store memory [--seed demo]
using BulkResume.Emulator.Tool.CommandLine;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Testing;

namespace BulkResume.Emulator.Tool;

/// <summary>The executable's entry point.</summary>
#pragma warning disable CA2007 // The executable's entry point has no synchronization context to avoid.
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        EmulatorArguments arguments;
        IDlqStore store;
        try
        {
            arguments = EmulatorArguments.Parse(args);
            store = StoreFactory.Open(arguments.Store);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine(exception.Message);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        try
        {
            await using (var emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions
            {
                Host = arguments.Host,
                Port = arguments.Port,
                Token = arguments.Token,
                DisableAuthentication = arguments.NoAuth,
                Store = store,
            }))
            {
                if (arguments.Seed == "demo")
                {
                    await emulator.Engine.DeadLetterAsync(DemoDlq.Entries(TimeProvider.System.GetUtcNow()));
                }

                Console.WriteLine($"BulkResume emulator listening on {emulator.Url.GetLeftPart(UriPartial.Authority)}");
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    Console.WriteLine("BulkResume emulator stopping");
                }
            }
        }
        catch (IOException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return 2;
        }
        finally
        {
            // The store's files (SQLite) are closed only after the server stopped serving, so the file is consistent.
            switch (store)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        return 0;
    }
}

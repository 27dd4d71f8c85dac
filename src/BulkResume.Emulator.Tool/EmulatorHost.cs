using System.Runtime.InteropServices;
using BulkResume.Emulator.Tool.CommandLine;
using BulkResume.Engine;
using BulkResume.Engine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace BulkResume.Emulator.Tool;

/// <summary>
/// Runs the emulator until Ctrl+C or SIGTERM: warns about a non-loopback address, opens the store, seeds the demo
/// into an empty store, prints the address on the first line of stdout (scripts and Aspire wait for it) and then whether
/// it serves the dev server's credentials or signs with keys given (never the token or the keys themselves), logs a line
/// per request unless --quiet, and closes the store only after the server stopped.
/// </summary>
internal static class EmulatorHost
{
    public static async Task<int> RunAsync(EmulatorArguments arguments, CancellationToken cancellationToken)
    {
        // SIGINT (Ctrl+C) and SIGTERM (docker stop, Aspire, systemd) both stop gracefully: requests in flight finish and
        // the store is closed last.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        CancellationToken stopRequested = stop.Token;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        if (arguments.IsRemote)
        {
            await Console.Error.WriteLineAsync(
                $"warning: --host {arguments.Host} serves every machine that can reach this one, the admin API (/_emulator/reset) included"
                + (arguments.NoAuth ? ", without authentication (--allow-remote-without-auth)."
                    : arguments.Dev ? ", with the dev server's published token, so to anyone (--allow-remote-without-auth)."
                    : ", to anyone who has the token.")
                + " Use --host 127.0.0.1 unless that is what you want.");
        }

        IDlqStore store;
        DlqStoreStatistics statistics;
        try
        {
            store = StoreFactory.Open(arguments.Store);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}");
            return CommandLineErrors.BadArguments;
        }

        try
        {
            // Read once before listening, so that a database that can't be reached is told here, not on the first request.
            statistics = await store.GetStatisticsAsync(stopRequested);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"error: --store could not be read: {exception.Message}");
            await DisposeAsync(store);
            return CommandLineErrors.BadArguments;
        }

        using ILoggerFactory logs = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffzzz ";
                console.ColorBehavior = LoggerColorBehavior.Disabled;
            })
            .AddFilter("BulkResume.Emulator.Requests", arguments.Quiet ? LogLevel.None : LogLevel.Information)
            .SetMinimumLevel(LogLevel.Warning));
        try
        {
            await using WorkflowEmulator emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions
            {
                Host = arguments.Host,
                Port = arguments.Port,
                Token = arguments.Token,
                DisableAuthentication = arguments.NoAuth,
                SigningKeys = arguments.SigningKeys,
                Store = store,
                LoggerFactory = logs,
            }, stopRequested);
            Console.WriteLine($"BulkResume emulator listening on {emulator.Url.GetLeftPart(UriPartial.Authority)}");
            if (Credentials(arguments, emulator.Url.Port) is { } credentials)
            {
                Console.WriteLine(credentials);
            }

            if (arguments.SeedDemo)
            {
                Console.WriteLine(await SeedDemoAsync(emulator, statistics, stopRequested));
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stopRequested);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("BulkResume emulator stopping");
            }
        }
        catch (IOException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}");
            return CommandLineErrors.BadArguments;
        }
        catch (OperationCanceledException) when (stopRequested.IsCancellationRequested)
        {
            // Stopped while starting or seeding.
        }
        finally
        {
            // A SQLite file is closed only after the server stopped serving, so it is consistent.
            await DisposeAsync(store);
        }

        return 0;
    }

    /// <summary>Which credentials it serves, when they are not just the token: names them, never shows them.</summary>
    private static string? Credentials(EmulatorArguments arguments, int port) =>
        arguments.Dev
            ? "Using the local dev server's credentials (its well-known token and signing keys): an app with QSTASH_DEV=true"
                + (port == DevServer.Port ? string.Empty : $" and QSTASH_DEV_PORT={port}") + " calls this emulator unchanged."
            : arguments.SigningKeys is not null
                ? "Signing deliveries with the keys given; GET /v2/keys answers them."
                : null;

    /// <summary>Seeds the demo only into a store that holds nothing, so a restart on the same file does not seed twice.</summary>
    private static async Task<string> SeedDemoAsync(WorkflowEmulator emulator, DlqStoreStatistics statistics, CancellationToken cancellationToken)
    {
        long runs = statistics.RunsByState.Values.Sum();
        if (statistics.DlqEntryCount > 0 || runs > 0)
        {
            string entries = statistics.DlqEntryCount == 1 ? "entry" : "entries";
            return $"Not seeding the demo: the store already holds {statistics.DlqEntryCount} DLQ {entries} and {runs} {(runs == 1 ? "run" : "runs")} (--seed demo seeds an empty store only).";
        }

        await emulator.Engine.DeadLetterAsync(DemoDlq.Entries(TimeProvider.System.GetUtcNow()), cancellationToken);
        return $"Seeded the demo DLQ: {DemoDlq.Count} entries.";
    }

    private static async ValueTask DisposeAsync(IDlqStore store)
    {
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
}

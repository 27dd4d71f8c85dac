using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;

namespace BulkResume.Emulator.Tool.CommandLine;

/// <summary>
/// The emulator's command line: <c>bulkresume-emulator [--port N] [--host ADDRESS] (--token TOKEN | --no-auth)
/// [--store memory|sqlite:PATH|postgres:CONNECTION_STRING] [--seed demo] [--quiet]</c>. Every refusal names the flag and the fix.
/// </summary>
internal sealed class EmulatorCommand
{
    public const string Name = "bulkresume-emulator";

    private readonly Option<int> Port = new("--port", "-p")
    {
        Description = "The port to listen on; 0 picks a free one.",
        HelpName = "PORT",
        DefaultValueFactory = _ => 8080,
        CustomParser = ParsePort,
    };

    private readonly Option<IPAddress> Host = new("--host")
    {
        Description = "The address to bind. Anything but loopback lets other machines call the emulator, admin API included.",
        HelpName = "ADDRESS",
        DefaultValueFactory = _ => IPAddress.Loopback,
        CustomParser = ParseHost,
    };

    private readonly Option<string?> Token = new("--token")
    {
        Description = "The bearer token callers present (as QSTASH_TOKEN). Required unless --no-auth.",
        HelpName = "TOKEN",
    };

    private readonly Option<bool> NoAuth = new("--no-auth") { Description = "Serve without authentication (loopback only, unless --allow-remote-without-auth)." };

    private readonly Option<bool> AllowRemoteWithoutAuth = new("--allow-remote-without-auth")
    {
        Description = "With --no-auth and a non-loopback --host: serve anyway, so that anyone who reaches this machine can read, resume and reset the DLQ.",
    };

    private readonly Option<string> Store = new("--store")
    {
        Description = "Where entries and runs live: memory (gone on exit), sqlite:PATH, or postgres:CONNECTION_STRING.",
        HelpName = "STORE",
        DefaultValueFactory = _ => "memory",
    };

    private readonly Option<string?> Seed = new("--seed")
    {
        Description = "demo: seed the demo DLQ (143 entries of three workflows), only into an empty store so a restart on a file does not seed twice.",
        HelpName = "demo",
    };

    private readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "No request log (errors are still logged)." };

    /// <summary>The root command; <paramref name="run"/> gets the checked arguments.</summary>
    public static RootCommand Create(Func<EmulatorArguments, CancellationToken, Task<int>> run) => new EmulatorCommand().Build(run);

    private RootCommand Build(Func<EmulatorArguments, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand(
            "The BulkResume emulator: the reference workflow DLQ engine over HTTP, with the DLQ and run-logs API, an admin API under /_emulator, "
            + "GET /health and a console at /. Point any SDK at it with QSTASH_URL=http://127.0.0.1:PORT and QSTASH_TOKEN=TOKEN.")
        {
            Port, Host, Token, NoAuth, AllowRemoteWithoutAuth, Store, Seed, Quiet,
        };
        root.Validators.Add(Validate);
        root.SetAction((parse, cancellationToken) => run(
            new EmulatorArguments
            {
                Port = parse.GetValue(Port),
                Host = parse.GetValue(Host)!,
                Token = parse.GetValue(Token),
                NoAuth = parse.GetValue(NoAuth),
                Store = parse.GetValue(Store)!,
                SeedDemo = parse.GetValue(Seed) is not null,
                Quiet = parse.GetValue(Quiet),
            },
            cancellationToken));
        return root;
    }

    private void Validate(CommandResult result)
    {
        string? token = result.GetValue(Token);
        bool noAuth = result.GetValue(NoAuth);
        if (token is not null && string.IsNullOrWhiteSpace(token))
        {
            result.AddError("--token is blank. Pass the token callers will present, such as --token dev-token.");
        }
        else if (token is null && !noAuth)
        {
            result.AddError("A token is required: pass --token TOKEN (callers send it as their QSTASH_TOKEN), or --no-auth to serve without authentication.");
        }
        else if (token is not null && noAuth)
        {
            result.AddError("--token and --no-auth contradict each other. Pass one of them.");
        }

        if (result.GetValue(Seed) is { } seed && seed != "demo")
        {
            result.AddError($"--seed '{seed}' is not a seed. The one seed is demo: --seed demo.");
        }

        IPAddress host = ValueOrDefault(result, Host) ?? IPAddress.Loopback;
        if (noAuth && !IPAddress.IsLoopback(host) && !result.GetValue(AllowRemoteWithoutAuth))
        {
            result.AddError(
                $"--no-auth with --host {host} would let anyone who can reach this machine read and resume the DLQ and call /_emulator/reset. "
                + "Pass --token TOKEN, or bind loopback (--host 127.0.0.1), or add --allow-remote-without-auth if that is what you want.");
        }

        if (result.GetValue(AllowRemoteWithoutAuth) && !noAuth)
        {
            result.AddError("--allow-remote-without-auth goes with --no-auth only. Drop it, or serve without a token with --no-auth.");
        }
    }

    /// <summary>The option's value, or the default when its own parser refused it (that refusal is already reported).</summary>
    private static T? ValueOrDefault<T>(CommandResult result, Option<T> option)
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private static int ParsePort(ArgumentResult result)
    {
        string text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535)
        {
            return port;
        }

        result.AddError($"--port '{text}' is not a port. Pass a whole number from 1 to 65535, or 0 for a free one.");
        return 0;
    }

    private static IPAddress ParseHost(ArgumentResult result)
    {
        string text = result.Tokens.Single().Value;
        if (text.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(text, out IPAddress? address))
        {
            return address;
        }

        result.AddError($"--host '{text}' is not an IP address. Pass 127.0.0.1 (loopback, the default), ::1, or 0.0.0.0 to serve every interface.");
        return IPAddress.Loopback;
    }
}

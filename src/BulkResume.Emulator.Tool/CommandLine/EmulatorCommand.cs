using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using BulkResume.Engine.Delivery;

namespace BulkResume.Emulator.Tool.CommandLine;

/// <summary>
/// The emulator's command line: <c>bulkresume-emulator [--port N] [--host ADDRESS] [--token TOKEN | --token-file PATH |
/// --no-auth | --dev] [--signing-key-current KEY --signing-key-next KEY] [--store memory|sqlite:PATH|postgres:CONNECTION_STRING]
/// [--seed demo] [--quiet]</c>, the token also from <see cref="TokenVariable"/> and the keys from
/// <see cref="CurrentKeyVariable"/> and <see cref="NextKeyVariable"/>.
/// </summary>
/// <remarks>Every refusal names the flag and the fix.</remarks>
internal sealed class EmulatorCommand
{
    public const string Name = "bulkresume-emulator";

    /// <summary>Where the token is read when no flag gives it: unlike <c>--token</c>, it is not in every process listing.</summary>
    public const string TokenVariable = "BULKRESUME_EMULATOR_TOKEN";

    /// <summary>Where the current signing key is read when no flag gives a key, beside <see cref="NextKeyVariable"/>.</summary>
    public const string CurrentKeyVariable = "BULKRESUME_EMULATOR_CURRENT_SIGNING_KEY";

    /// <summary>Where the next signing key is read when no flag gives a key, beside <see cref="CurrentKeyVariable"/>.</summary>
    public const string NextKeyVariable = "BULKRESUME_EMULATOR_NEXT_SIGNING_KEY";

    private const string CurrentKeyFlag = "--signing-key-current";

    private const string NextKeyFlag = "--signing-key-next";

    // The default is the dev server's port, so that --dev needs no --port.
    private readonly Option<int> Port = new("--port", "-p")
    {
        Description = $"The port to listen on (default {DevServer.Port}, the dev server's); 0 picks a free one.",
        HelpName = "PORT",
        DefaultValueFactory = _ => DevServer.Port,
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
        Description = $"The bearer token callers present (as QSTASH_TOKEN); visible to anyone who lists processes, so prefer --token-file or {TokenVariable}. A token is required unless --no-auth.",
        HelpName = "TOKEN",
    };

    private readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = $"A file that holds the token (surrounding whitespace and line breaks are ignored). Without --token or --token-file the token is read from {TokenVariable}.",
        HelpName = "PATH",
    };

    /// <summary>The token <see cref="Validate"/> read from the flag, the file or the environment, for the action that runs after it.</summary>
    private string? _token;

    /// <summary>The keys <see cref="Validate"/> read from the flags or the environment, for the action that runs after it.</summary>
    private SigningKeys? _keys;

    private readonly Option<bool> Dev = new("--dev")
    {
        Description = "Stand in for the service's local dev server, so that an app with QSTASH_DEV=true works unchanged: accept its "
            + $"well-known token and sign deliveries with its well-known keys (GET /v2/keys answers them), on port {DevServer.Port} "
            + "unless --port gives the app's QSTASH_DEV_PORT. These credentials are public: loopback only, unless --allow-remote-without-auth.",
    };

    private readonly Option<string?> CurrentKey = new(CurrentKeyFlag)
    {
        Description = $"The key deliveries are signed with (the app's QSTASH_CURRENT_SIGNING_KEY), given with {NextKeyFlag}; "
            + $"or both keys from {CurrentKeyVariable} and {NextKeyVariable}, which no process listing shows. Without keys deliveries are unsigned.",
        HelpName = "KEY",
    };

    private readonly Option<string?> NextKey = new(NextKeyFlag)
    {
        Description = $"The key endpoints accept besides the current one (the app's QSTASH_NEXT_SIGNING_KEY), given with {CurrentKeyFlag}.",
        HelpName = "KEY",
    };

    private readonly Option<bool> NoAuth = new("--no-auth") { Description = "Serve without authentication (loopback only, unless --allow-remote-without-auth)." };

    private readonly Option<bool> AllowRemoteWithoutAuth = new("--allow-remote-without-auth")
    {
        Description = "With --no-auth or --dev and a non-loopback --host: serve anyway, so that anyone who reaches this machine can read, resume and reset the DLQ.",
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
            Port, Host, Token, TokenFile, NoAuth, Dev, CurrentKey, NextKey, AllowRemoteWithoutAuth, Store, Seed, Quiet,
        };
        root.Validators.Add(Validate);
        root.SetAction((parse, cancellationToken) => run(
            new EmulatorArguments
            {
                Port = parse.GetValue(Port),
                Host = parse.GetValue(Host)!,
                Token = _token,
                NoAuth = parse.GetValue(NoAuth),
                Dev = parse.GetValue(Dev),
                SigningKeys = _keys,
                Store = parse.GetValue(Store)!,
                SeedDemo = parse.GetValue(Seed) is not null,
                Quiet = parse.GetValue(Quiet),
            },
            cancellationToken));
        return root;
    }

    private void Validate(CommandResult result)
    {
        bool noAuth = result.GetValue(NoAuth);
        bool dev = result.GetValue(Dev);

        // --dev is a flag, so it wins over the environment as --token does: the variables are neither read nor checked.
        (string? source, string? token, string? problem) = ReadToken(result, readEnvironment: !dev);
        (string? keySource, SigningKeys? keys, string? keyProblem) = ReadKeys(result, readEnvironment: !dev);
        _token = dev ? DevServer.Token : token;
        _keys = dev ? DevServer.SigningKeys : keys;
        if (keyProblem is not null)
        {
            result.AddError(keyProblem);
        }
        else if (dev && keys is not null && keys != DevServer.SigningKeys)
        {
            result.AddError($"--dev signs with the dev server's keys; {keySource} give others. Drop them, or drop --dev to sign with your own.");
        }

        if (problem is not null)
        {
            result.AddError(problem);
        }
        else if (dev)
        {
            if (noAuth)
            {
                result.AddError("--dev and --no-auth contradict each other: --dev accepts the dev server's token. Pass one of them.");
            }
            else if (token is not null && token != DevServer.Token)
            {
                result.AddError($"--dev accepts the dev server's token; {source} gives another. Drop {source}, or drop --dev to serve your own token.");
            }
        }
        else if (token is null && !noAuth)
        {
            result.AddError($"A token is required: set {TokenVariable}, or pass --token-file PATH or --token TOKEN (callers send it as their QSTASH_TOKEN); or --no-auth to serve without authentication.");
        }
        else if (token is not null && noAuth)
        {
            result.AddError($"{source} and --no-auth contradict each other. Give the token in one way, or serve without one{(source == TokenVariable ? $" with {TokenVariable} unset" : string.Empty)}.");
        }

        if (result.GetValue(Seed) is { } seed && seed != "demo")
        {
            result.AddError($"--seed '{seed}' is not a seed. The one seed is demo: --seed demo.");
        }

        // The dev server's token is published: serving it to other machines is serving them without authentication.
        IPAddress host = ValueOrDefault(result, Host) ?? IPAddress.Loopback;
        if ((noAuth || dev) && !IPAddress.IsLoopback(host) && !result.GetValue(AllowRemoteWithoutAuth))
        {
            result.AddError(
                $"{(noAuth ? "--no-auth" : "--dev, whose token is published,")} with --host {host} would let anyone who can reach this machine read and resume the DLQ and call /_emulator/reset. "
                + $"{(noAuth ? "Pass --token TOKEN, or bind" : "Bind")} loopback (--host 127.0.0.1), or add --allow-remote-without-auth if that is what you want.");
        }

        if (result.GetValue(AllowRemoteWithoutAuth) && !noAuth && !dev)
        {
            result.AddError("--allow-remote-without-auth goes with --no-auth or --dev only. Drop it, or serve without a token with --no-auth.");
        }
    }

    /// <summary>
    /// The token and where it came from: <c>--token</c>, or <c>--token-file</c>, or else <see cref="TokenVariable"/>; a
    /// flag wins over the environment, as a command line says what this run wants.
    /// </summary>
    /// <remarks>A blank token or an unreadable file is a problem.</remarks>
    private (string? Source, string? Token, string? Problem) ReadToken(CommandResult result, bool readEnvironment)
    {
        string? flag = result.GetValue(Token);
        string? file = result.GetValue(TokenFile);
        if (flag is not null && file is not null)
        {
            return (null, null, "--token and --token-file are two ways to give the token. Pass one of them.");
        }

        if (file is not null)
        {
            string text;
            try
            {
                text = File.ReadAllText(file).Trim();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return (null, null, $"--token-file '{file}' could not be read: {exception.Message} Pass a file that holds the token.");
            }

            return text.Length == 0
                ? (null, null, $"--token-file '{file}' is empty. Write the token callers will present into it.")
                : ("--token-file", text, null);
        }

        (string source, string? token) = flag is not null ? ("--token", flag)
            : (TokenVariable, readEnvironment ? Environment.GetEnvironmentVariable(TokenVariable) : null);
        return token is null ? (null, null, null)
            : string.IsNullOrWhiteSpace(token) ? (null, null, $"{source} is blank. Give the token callers will present, such as dev-token.")
            : (source, token, null);
    }

    /// <summary>
    /// The signing keys and where they came from: both flags, or else both variables (a flag wins over the environment,
    /// as for the token); none for unsigned deliveries.
    /// </summary>
    /// <remarks>One key without the other, or a blank one, is a problem: an endpoint verifies with both.</remarks>
    private (string? Source, SigningKeys? Keys, string? Problem) ReadKeys(CommandResult result, bool readEnvironment)
    {
        string? current = result.GetValue(CurrentKey);
        string? next = result.GetValue(NextKey);
        if (current is not null || next is not null)
        {
            return Pair(CurrentKeyFlag, current, NextKeyFlag, next);
        }

        return readEnvironment
            ? Pair(CurrentKeyVariable, Environment.GetEnvironmentVariable(CurrentKeyVariable), NextKeyVariable, Environment.GetEnvironmentVariable(NextKeyVariable))
            : (null, null, null);

        static (string?, SigningKeys?, string?) Pair(string currentName, string? current, string nextName, string? next) => (current, next) switch
        {
            (null, null) => (null, null, null),
            (null, _) => (null, null, $"{nextName} needs {currentName}: give both keys (the current one signs, endpoints accept either), or neither to send deliveries unsigned."),
            (_, null) => (null, null, $"{currentName} needs {nextName}: give both keys (the current one signs, endpoints accept either), or neither to send deliveries unsigned."),
            _ when string.IsNullOrWhiteSpace(current) => (null, null, $"{currentName} is blank. Give the key the app has as QSTASH_CURRENT_SIGNING_KEY."),
            _ when string.IsNullOrWhiteSpace(next) => (null, null, $"{nextName} is blank. Give the key the app has as QSTASH_NEXT_SIGNING_KEY."),
            _ => ($"{currentName} and {nextName}", new SigningKeys(current, next), null),
        };
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

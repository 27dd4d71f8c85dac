using System.Globalization;
using System.Net;

namespace BulkResume.Emulator.Tool.CommandLine;

/// <summary>
/// The executable's arguments: <c>--port 8080 --token dev-token --store memory|sqlite:PATH|postgres:CONNECTION_STRING
/// [--seed demo] [--host ADDRESS] [--no-auth]</c>.
/// </summary>
internal sealed record EmulatorArguments(int Port, string? Token, string Store, string? Seed, IPAddress Host, bool NoAuth)
{
    public const string Usage =
        "Usage: BulkResume.Emulator --port 8080 --token dev-token [--store memory|sqlite:PATH|postgres:CONNECTION_STRING] [--seed demo] [--host 127.0.0.1] [--no-auth]";

    /// <summary>Parses the arguments; a problem is an <see cref="ArgumentException"/> whose message says what to pass.</summary>
    public static EmulatorArguments Parse(IReadOnlyList<string> args)
    {
        int port = 8080;
        string? token = null;
        string store = "memory";
        string? seed = null;
        IPAddress host = IPAddress.Loopback;
        bool noAuth = false;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--no-auth":
                    noAuth = true;
                    continue;
                case "--port":
                    port = int.TryParse(Value(args, ref i, name), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed <= 65535
                        ? parsed
                        : throw new ArgumentException("--port must be a number from 0 (a free port) to 65535.");
                    continue;
                case "--token":
                    token = Value(args, ref i, name);
                    continue;
                case "--store":
                    store = Value(args, ref i, name);
                    continue;
                case "--seed":
                    seed = Value(args, ref i, name) is "demo" ? "demo" : throw new ArgumentException("--seed takes 'demo'.");
                    continue;
                case "--host":
                    host = IPAddress.TryParse(Value(args, ref i, name), out IPAddress? address)
                        ? address
                        : throw new ArgumentException("--host must be an IP address such as 127.0.0.1.");
                    continue;
                default:
                    throw new ArgumentException($"Unknown argument '{name}'. {Usage}");
            }
        }

        if (string.IsNullOrWhiteSpace(token) && !noAuth)
        {
            throw new ArgumentException("A token is required: pass --token <token>, or --no-auth to serve without authentication.");
        }

        return new EmulatorArguments(port, token, store, seed, host, noAuth);
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string name) =>
        ++i < args.Count && !args[i].StartsWith("--", StringComparison.Ordinal)
            ? args[i]
            : throw new ArgumentException($"{name} needs a value. {Usage}");
}

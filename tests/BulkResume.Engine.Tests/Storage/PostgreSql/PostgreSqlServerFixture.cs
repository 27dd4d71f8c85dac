using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace BulkResume.Engine.Tests.Storage.PostgreSql;

/// <summary>
/// A PostgreSQL server for the tests: the one named by <c>BULKRESUME_POSTGRES</c> (a connection string) when set, or
/// else a throwaway cluster started from <c>/usr/lib/postgresql/*/bin</c> on a free loopback port (as the <c>postgres</c>
/// user when running as root) and removed on dispose. Where neither is possible, <see cref="SkipReason"/> says why and
/// the tests skip, except under <c>CI=true</c>, where a missing server fails them.
/// </summary>
public sealed class PostgreSqlServerFixture : IAsyncLifetime
{
    private string? _clusterDirectory;
    private string? _pgCtl;

    /// <summary>A connection string for the server's <c>postgres</c> database, or <see langword="null"/> when there is none.</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>Why there is no server, or <see langword="null"/>.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>A connection string for a database created for the caller alone.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string connectionString = RequireServer();
        string name = "bulkresume_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The server's connection string; skips the test (or fails it under CI) when there is no server.</summary>
    public string RequireServer()
    {
        if (ConnectionString is null)
        {
            Skip.If(true, SkipReason);
        }

        return ConnectionString!;
    }

    public async Task InitializeAsync()
    {
        string? configured = Environment.GetEnvironmentVariable("BULKRESUME_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }

        string? bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(dir => Path.Combine(dir, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            NoServer("BULKRESUME_POSTGRES is not set and no PostgreSQL is installed under /usr/lib/postgresql/*/bin; install PostgreSQL or set BULKRESUME_POSTGRES to a connection string.");
            return;
        }

        try
        {
            await StartClusterAsync(bin);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            NoServer($"BULKRESUME_POSTGRES is not set and a throwaway cluster from {bin} could not be started: {exception.Message}");
        }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterDirectory is null)
        {
            return;
        }

        try
        {
            await RunAsync(_pgCtl!, ["-D", Path.Combine(_clusterDirectory, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_clusterDirectory, recursive: true);
        }
    }

    private void NoServer(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true needs a PostgreSQL server (.ci/postgres.sh starts one): " + reason);
        }

        SkipReason = reason;
    }

    private async Task StartClusterAsync(string bin)
    {
        _clusterDirectory = Path.Combine(Path.GetTempPath(), "bulkresume-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_clusterDirectory);
        string data = Path.Combine(_clusterDirectory, "data");
        bool root = Environment.UserName == "root";
        if (root)
        {
            await RunAsync("chown", ["postgres:postgres", _clusterDirectory]);
        }

        int port = FreePort();
        _pgCtl = Path.Combine(bin, "pg_ctl");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
        await RunAsync(_pgCtl, [
            "-D", data, "-l", Path.Combine(_clusterDirectory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {_clusterDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start",
        ]);
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>Runs a PostgreSQL tool, as the <c>postgres</c> user when this process is root (initdb refuses root).</summary>
    private static async Task RunAsync(string program, string[] arguments)
    {
        bool asPostgres = Environment.UserName == "root" && program != "chown";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (string argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The tests that share one PostgreSQL server; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServerFixture>
{
    public const string Name = "PostgreSQL";
}

using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace BulkResume.Aspire.Tests;

/// <summary>A sample run as a reader runs it, a child process with its own environment; never left running after its test.</summary>
internal sealed class SampleProcess : IDisposable
{
    /// <summary>This test's build configuration, which the samples it runs were built in too.</summary>
    private static readonly string Configuration = typeof(SampleProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private SampleProcess(ProcessStartInfo start, IReadOnlyDictionary<string, string?> environment)
    {
        start.RedirectStandardOutput = start.RedirectStandardError = start.RedirectStandardInput = true;
        foreach ((string name, string? value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.StandardInput.Close();
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string RepositoryRoot { get; } = FindRoot();

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    public int ExitCode => _process.ExitCode;

    /// <summary>Runs a sample's build (as <c>dotnet run --no-build</c> would) in its output folder, where its appsettings.json is.</summary>
    public static SampleProcess Dll(string project, IReadOnlyDictionary<string, string?> environment)
    {
        string folder = Path.Combine(RepositoryRoot, "samples", project, "bin", Configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder };
        start.ArgumentList.Add(Path.Combine(folder, project + ".dll"));
        return new SampleProcess(start, environment);
    }

    /// <summary><c>dotnet run --project samples/PROJECT</c> from the repository root, on this test's build.</summary>
    public static SampleProcess DotnetRun(string project, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot };
        foreach (string arg in new[] { "run", "--project", Path.Combine("samples", project), "-c", Configuration, "--no-build" })
        {
            start.ArgumentList.Add(arg);
        }

        return new SampleProcess(start, environment);
    }

    /// <summary>Waits for the exit; false when <paramref name="patience"/> ran out first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await _process.WaitForExitAsync();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "BulkResume.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("BulkResume.sln was not found above the tests.");
        }

        return directory.FullName;
    }
}

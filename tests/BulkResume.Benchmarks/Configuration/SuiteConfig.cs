using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace BulkResume.Benchmarks.Configuration;

/// <summary>
/// One job for every class: in process (no generated project to build, the seeded stores stay in this process),
/// one invocation per iteration because every class re-seeds or restores the DLQ in [IterationSetup], and few
/// iterations in the quick run. Reports: full JSON (read by the summary) and GitHub markdown.
/// </summary>
internal static class SuiteConfig
{
    public static IConfig Create()
    {
        Job job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithWarmupCount(BenchSettings.Quick ? 3 : 5)
            .WithIterationCount(BenchSettings.Quick ? 9 : 25)
            .WithId(BenchSettings.Quick ? "Quick" : "Full");
        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median)
            .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub)
            .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
    }
}

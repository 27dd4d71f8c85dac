using BenchmarkDotNet.Running;
using BulkResume.Benchmarks.Configuration;
using BulkResume.Benchmarks.Measurement;
using BulkResume.Benchmarks.Summary;

// measure --out <file> [--only <part>]   paired ratios, heap, throughput and machine figures as JSON
// summarize <bench dir>                 summary.json from the BenchmarkDotNet reports and measure.json
// anything else                         BenchmarkDotNet (e.g. --filter '*' --artifacts artifacts/bench)
return args switch
{
    ["measure", "--out", string output] => await MeasureCommand.RunAsync(output, only: null),
    ["measure", "--out", string output, "--only", string part] => await MeasureCommand.RunAsync(output, part),
    ["summarize", string directory] => await SummaryCommand.RunAsync(directory),
    _ => BenchmarkSwitcher.FromAssembly(typeof(SuiteConfig).Assembly).Run(args, SuiteConfig.Create()).Any(summary => summary.HasCriticalValidationErrors) ? 1 : 0,
};

namespace BulkResume.Benchmarks.Configuration;

/// <summary>
/// What run.sh asked for, read from the environment so that BenchmarkDotNet's parameter sources see it too:
/// <c>BULKRESUME_BENCH_QUICK=1</c> for the short run, <c>BULKRESUME_POSTGRES</c> for a PostgreSQL server.
/// </summary>
internal static class BenchSettings
{
    /// <summary>The short run: fewer iterations and a 100,000-entry large DLQ instead of 1,000,000.</summary>
    public static bool Quick => Environment.GetEnvironmentVariable("BULKRESUME_BENCH_QUICK") == "1";

    /// <summary>The small DLQ of the page-cost pair.</summary>
    public static int SmallDlq => 1_000;

    /// <summary>The large DLQ of the page-cost pair.</summary>
    public static int LargeDlq => Quick ? 100_000 : 1_000_000;

    /// <summary>
    /// Where SQLite files go: <c>BULKRESUME_BENCH_SQLITE_DIR</c> (run.sh sets /dev/shm, so that the shared disk's fsync
    /// latency does not drown what is measured) or else the temporary directory.
    /// </summary>
    public static string NewSqliteDirectory() =>
        (Environment.GetEnvironmentVariable("BULKRESUME_BENCH_SQLITE_DIR") is { Length: > 0 } parent
            ? Directory.CreateDirectory(Path.Combine(parent, "bulkresume-bench-" + Guid.NewGuid().ToString("N")[..8]))
            : Directory.CreateTempSubdirectory("bulkresume-bench-")).FullName;

    /// <summary>A PostgreSQL connection string, or <see langword="null"/> when no server was given.</summary>
    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable("BULKRESUME_POSTGRES") is { Length: > 0 } value ? value : null;
}

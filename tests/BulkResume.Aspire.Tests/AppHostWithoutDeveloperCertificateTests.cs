namespace BulkResume.Aspire.Tests;

/// <summary>
/// samples/BulkResume.AppHost started as the docs say (<c>dotnet run --project samples/BulkResume.AppHost</c>), with the
/// dashboard and its launch profile, on a machine without a developer certificate: a home of its own holds none.
/// </summary>
public sealed class AppHostWithoutDeveloperCertificateTests
{
    [Fact]
    public async Task Dotnet_run_starts_the_app_host_and_its_dashboard_without_a_developer_certificate()
    {
        string home = Directory.CreateTempSubdirectory("bulkresume-no-dev-cert-").FullName;
        try
        {
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            using var appHost = SampleProcess.DotnetRun("BulkResume.AppHost", new Dictionary<string, string?> { ["HOME"] = home, ["NUGET_PACKAGES"] = packages });

            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (!appHost.Stdout.Contains("Distributed application started", StringComparison.Ordinal))
            {
                if (await appHost.WaitForExitAsync(TimeSpan.FromMilliseconds(200)))
                {
                    Assert.Fail($"the app host exited {appHost.ExitCode}:\n{appHost.Stdout}\n{appHost.Stderr}");
                }

                Assert.False(patience.IsCancellationRequested, $"the app host did not start:\n{appHost.Stdout}\n{appHost.Stderr}");
            }

            Assert.Contains("http://localhost:17240/login?t=", appHost.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}

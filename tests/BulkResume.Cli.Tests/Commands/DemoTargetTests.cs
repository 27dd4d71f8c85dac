using BulkResume.Cli.Hosting;

namespace BulkResume.Cli.Tests.Commands;

public class DemoTargetTests
{
    [Fact]
    public async Task The_demo_target_is_seeded_and_says_so()
    {
        using var target = await DemoDlq.StartAsync(CancellationToken.None);

        var count = 0;
        await foreach (var entry in target.Client.Dlq.ListAsync(ResumeFilter.Create().ForWorkflowUrl(BulkResume.Engine.Testing.DemoDlq.CheckoutUrl)))
        {
            count++;
        }

        Assert.StartsWith("No QSTASH_TOKEN: using the embedded engine seeded with", target.Banner, StringComparison.Ordinal);
        Assert.Equal(125, count);
    }
}

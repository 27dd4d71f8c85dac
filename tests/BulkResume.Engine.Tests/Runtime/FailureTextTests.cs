using BulkResume.Engine.Runtime;
using BulkResume.Engine.Tests.Runtime.Support;

namespace BulkResume.Engine.Tests.Runtime;

/// <summary>What a failed run's DLQ entry says about the exception: type and first line, never stack traces or credentials.</summary>
public sealed class FailureTextTests
{
    private const string Leaky = "https://example.com/api/leaky";

    [Fact]
    public async Task The_response_body_names_the_exception_without_its_stack_trace_inner_exception_or_bearer_token()
    {
        await using var fixture = new RuntimeFixture();
        fixture.Runtime.Map(Leaky, async context => await context.RunAsync("call-partner", _ => ThrowDeep()));

        await fixture.Runtime.TriggerAsync(Leaky, options: new WorkflowTriggerOptions { Retries = 0 });
        await fixture.Runtime.WaitForIdleAsync();

        string body = Assert.Single(await fixture.DlqAsync()).ResponseBody!;
        Assert.Equal("Step call-partner failed after 1 attempt(s): InvalidOperationException: partner refused Authorization: Bearer ***", body);
        Assert.DoesNotContain("s3cr3t", body, StringComparison.Ordinal);
        Assert.DoesNotContain("connection string", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ThrowDeep), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_message_is_cut_short()
    {
        await using var fixture = new RuntimeFixture();
        fixture.Runtime.Map(Leaky, async context => await context.RunAsync("dump", _ => throw new InvalidOperationException(new string('x', 5_000))));

        await fixture.Runtime.TriggerAsync(Leaky, options: new WorkflowTriggerOptions { Retries = 0 });
        await fixture.Runtime.WaitForIdleAsync();

        string body = Assert.Single(await fixture.DlqAsync()).ResponseBody!;
        Assert.EndsWith(new string('x', FailureText.MaxMessageLength) + "...", body, StringComparison.Ordinal);
        Assert.True(body.Length < FailureText.MaxMessageLength + 100, $"body of {body.Length} characters");
    }

    [Fact]
    public async Task An_exception_between_steps_fails_the_run_with_its_completed_steps()
    {
        await using var fixture = new RuntimeFixture();
        fixture.Runtime.Map(Leaky, async context =>
        {
            await context.RunAsync("first", _ => Task.FromResult("ok"));
            throw new FormatException("bad payload");
        });

        await fixture.Runtime.TriggerAsync(Leaky);
        await fixture.Runtime.WaitForIdleAsync();

        var entry = Assert.Single(await fixture.DlqAsync());
        Assert.Equal((500, "The workflow failed outside its steps: FormatException: bad payload"), (entry.ResponseStatus, entry.ResponseBody));
        Assert.Equal(["init", "first"], entry.Steps.Select(step => step.StepName));
    }

    [Fact]
    public async Task A_workflow_that_catches_its_failed_step_still_fails()
    {
        await using var fixture = new RuntimeFixture();
        int later = 0;
        fixture.Runtime.Map(Leaky, async context =>
        {
            try
            {
                await context.RunAsync("fails", _ => throw new InvalidOperationException("nope"));
            }
            catch (Exception)
            {
                // The workflow swallows the failure and carries on.
            }

            await context.RunAsync("later", _ => Task.FromResult((++later).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });

        await fixture.Runtime.TriggerAsync(Leaky, options: new WorkflowTriggerOptions { Retries = 0 });
        await fixture.Runtime.WaitForIdleAsync();

        var entry = Assert.Single(await fixture.DlqAsync());
        Assert.Equal(("fails", 0), (entry.Steps[^1].StepName, later));
    }

    private static Task<string> ThrowDeep()
    {
        try
        {
            throw new InvalidOperationException("connection string Password=s3cr3t");
        }
        catch (InvalidOperationException inner)
        {
            throw new InvalidOperationException("partner refused Authorization: Bearer s3cr3t-token\nat the second line s3cr3t", inner);
        }
    }
}

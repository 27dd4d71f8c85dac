using System.Reflection;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>Users can build every report and error the client gives, to test how their own code handles them.</summary>
public sealed class ReportMockingTests
{
    private static readonly DateTimeOffset Reset = DateTimeOffset.FromUnixTimeSeconds(1752829300);

    /// <summary>A DLQ whose bulk resume loses one page's answer and then hits the rate limit, as a user's test would fake it.</summary>
    private sealed class FakeDlq : DlqClient
    {
        public override AsyncPageable<ResumedRun> BulkResumeAsync(ResumeFilter filter, ResumeOptions? options = null, CancellationToken cancellationToken = default)
        {
            options?.OnUnknownOutcome?.Invoke(DlqModelFactory.UnknownPageOutcome("/v2/workflows/dlq/resume", cursor: "c-2", maxAffectedCount: 20));
            throw new RateLimitedException(
                "Too many requests",
                "POST",
                "/v2/workflows/dlq/resume",
                DlqModelFactory.RateLimitInfo(limit: 100, remaining: 0, reset: Reset, retryAfter: TimeSpan.FromSeconds(3), isBurstLimit: true));
        }
    }

    [Fact]
    public void A_fake_lost_page_and_a_fake_rate_limit_reach_the_callers_code_as_the_client_would_give_them()
    {
        var lost = new List<UnknownPageOutcome>();

        var error = Assert.Throws<RateLimitedException>(() => new FakeDlq().BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { OnUnknownOutcome = lost.Add }));

        var outcome = Assert.Single(lost);
        Assert.Equal("/v2/workflows/dlq/resume", outcome.RequestPath);
        Assert.Equal("c-2", outcome.Cursor);
        Assert.Equal(20, outcome.MaxAffectedCount);
        Assert.Equal(429, error.Status);
        Assert.Equal(100, error.RateLimit.Limit);
        Assert.Equal(0, error.RateLimit.Remaining);
        Assert.Equal(Reset, error.RateLimit.Reset);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RateLimit.RetryAfter);
        Assert.True(error.RateLimit.IsBurstLimit);
    }

    [Fact]
    public void A_rate_limit_built_with_nothing_given_says_nothing_and_is_the_daily_limit()
    {
        var info = DlqModelFactory.RateLimitInfo();

        Assert.Null(info.Limit);
        Assert.Null(info.Remaining);
        Assert.Null(info.Reset);
        Assert.Null(info.RetryAfter);
        Assert.False(info.IsBurstLimit);
    }

    [Fact]
    public void A_fake_unknown_outcome_of_a_bulk_call_by_ids_keeps_its_three_lists()
    {
        var error = new OutcomeUnknownException(0, "no answer in time", "POST", "/v2/workflows/dlq/resume", ["b"], ["a"], ["c"], innerException: null);

        Assert.Equal(["a"], error.DoneIds);
        Assert.Equal(["b"], error.InDoubtIds);
        Assert.Equal(["c"], error.NotAttemptedIds);
        Assert.Contains("1 ids were done, 1 are unknown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_page_outcome_refuses_a_negative_count()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DlqModelFactory.UnknownPageOutcome("/v2/workflows/dlq/resume", cursor: null, maxAffectedCount: -1));
    }

    [Fact]
    public void Every_public_class_can_be_built_by_a_test_through_a_constructor_or_a_factory()
    {
        var unbuildable = typeof(DlqClient).Assembly.GetExportedTypes()
            .Where(type => type.IsClass && !(type.IsAbstract && type.IsSealed))
            .Where(type => !type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Any(ctor => ctor.IsPublic || ctor.IsFamily))
            .Where(type => !Factories(typeof(DlqModelFactory)).Concat(Factories(type)).Any(method => Definition(method.ReturnType) == type))
            .Select(type => type.Name)
            .ToArray();

        Assert.Empty(unbuildable);
    }

    private static IEnumerable<MethodInfo> Factories(Type type) => type.GetMethods(BindingFlags.Public | BindingFlags.Static);

    private static Type Definition(Type type) => type.IsGenericType ? type.GetGenericTypeDefinition() : type;
}

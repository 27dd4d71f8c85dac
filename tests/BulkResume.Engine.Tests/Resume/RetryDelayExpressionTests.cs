using BulkResume.Engine.Resume;

namespace BulkResume.Engine.Tests.Resume;

/// <summary>The <c>Upstash-Retry-Delay</c> expressions of the contract evaluate as arithmetic of <c>retried</c>, and anything else is refused with where it went wrong.</summary>
public sealed class RetryDelayExpressionTests
{
    [Theory]
    [InlineData("1000", 3, 1000)]
    [InlineData("1000 * (1 + retried)", 2, 3000)]
    [InlineData("pow(2, retried) * 1000", 3, 8000)]
    [InlineData("max(1000, pow(2, retried) * 100)", 2, 1000)]
    [InlineData("max(1000, pow(2, retried) * 100)", 5, 3200)]
    [InlineData("1 + 2 * 3 - 4 / 2", 0, 5)]
    [InlineData("-(-2) * 500", 0, 1000)]
    [InlineData("1000 - -500", 0, 1500)]
    [InlineData("sqrt(16) * abs(-250)", 0, 1000)]
    [InlineData("floor(2.7) * 1000 + ceil(0.2) + round(0.5)", 0, 2002)]
    [InlineData("min(retried, 3) * 1000", 9, 3000)]
    [InlineData("exp(0) * 1000", 0, 1000)]
    public void Expressions_evaluate_to_milliseconds(string expression, int retried, double milliseconds)
    {
        RetryDelayExpression parsed = RetryDelayExpression.TryParse(expression, out string? problem)!;

        Assert.Null(problem);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), parsed.DelayAfter(retried));
    }

    [Theory]
    [InlineData("0 - 5000", 0)]
    [InlineData("sqrt(0 - 1)", 0)]
    public void Negative_and_undefined_delays_wait_nothing(string expression, int retried) =>
        Assert.Equal(TimeSpan.Zero, RetryDelayExpression.TryParse(expression, out _)!.DelayAfter(retried));

    [Fact]
    public void A_delay_beyond_a_day_or_infinite_waits_a_day() =>
        Assert.Equal(RetryDelayExpression.MaxDelay, RetryDelayExpression.TryParse("1 / 0", out _)!.DelayAfter(0));

    [Theory]
    [InlineData("", "the expression ends where a number, retried, a function or '(' is expected, at index 0")]
    [InlineData("1000 * retires", "'1000 * retires' is not a retry-delay expression: unknown name 'retires', at index 7")]
    [InlineData("pow(2) * 1000", "pow takes 2 arguments, not 1, at index 0")]
    [InlineData("1000 +", "the expression ends where a number, retried, a function or '(' is expected, at index 6")]
    [InlineData("(1000", "')' is expected where the expression ends, at index 5")]
    [InlineData("1000 % 3", "unexpected '%', at index 5")]
    [InlineData("1.2.3", "unexpected '.', at index 3")]
    [InlineData("1.", "a digit is expected after the decimal point, at index 2")]
    [InlineData(".5", "unexpected '.' where a number, retried, a function or '(' is expected, at index 0")]
    [InlineData("sqrt 4", "'(' is expected, not '4', at index 5")]
    public void Anything_else_is_refused_saying_where(string expression, string problem)
    {
        Assert.Null(RetryDelayExpression.TryParse(expression, out string? found));
        Assert.Contains(problem, found, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nesting_as_deep_as_the_length_allows_is_parsed()
    {
        int depth = (RetryDelayExpression.MaxLength - 1) / 2;
        string deepest = new string('(', depth) + "1" + new string(')', depth);

        Assert.Equal(TimeSpan.FromMilliseconds(1), RetryDelayExpression.TryParse(deepest, out _)!.DelayAfter(0));
    }

    [Fact]
    public void An_expression_longer_than_the_limit_is_refused_without_parsing_it()
    {
        string deep = new string('(', 5_000) + "1" + new string(')', 5_000);

        Assert.Null(RetryDelayExpression.TryParse(deep, out string? problem));
        Assert.Equal("is 10001 characters long; a retry-delay expression has at most 1000", problem);
    }
}

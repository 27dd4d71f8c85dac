using BulkResume.Internal.Validation;

namespace BulkResume.Internal.Selection;

/// <summary>One row of <see cref="SelectionCriteria"/>: a query parameter a filter sends, its arity, its value rule, how the service matches it and which operations take it.</summary>
internal sealed class Criterion
{
    internal Criterion(int order, string wireName, bool takesMany, CriterionValue value, string matches, SelectionOperations takenBy, string noun, string expected, string? otherWay, KeyValuePair<string, string>? matchParameter)
    {
        MatchParameter = matchParameter;
        Order = order;
        WireName = wireName;
        TakesMany = takesMany;
        Value = value;
        Matches = matches;
        TakenBy = takenBy;
        Noun = noun;
        Expected = expected;
        OtherWay = otherWay;
    }

    /// <summary>The row's place in the table: parameters go on the wire in this order.</summary>
    public int Order { get; }

    /// <summary>The query parameter.</summary>
    public string WireName { get; }

    /// <summary>True: values given more than once are OR-ed.</summary>
    /// <remarks>False: the parameter takes one value.</remarks>
    public bool TakesMany { get; }

    /// <summary>The rule the value follows.</summary>
    public CriterionValue Value { get; }

    /// <summary>How the service matches the value, as the docs say it.</summary>
    public string Matches { get; }

    /// <summary>The operations that take this criterion; a filter holding it is refused by the others.</summary>
    public SelectionOperations TakenBy { get; }

    /// <summary>What the value is, for messages: <c>label</c>.</summary>
    public string Noun { get; }

    /// <summary>What to pass, for messages: <c>a label the runs were triggered with</c>.</summary>
    public string Expected { get; }

    /// <summary>The parameter that asks the service for this row's match, sent once after the row's values.</summary>
    /// <value>Null when the service matches the row this way by default.</value>
    /// <remarks><c>workflowUrlExactMatch=true</c>: the runs' cancel matches <c>workflowUrl</c> as a prefix without it.</remarks>
    public KeyValuePair<string, string>? MatchParameter { get; }

    /// <summary>How else to select what a value with a comma would, for messages; null when there is no other way.</summary>
    public string? OtherWay { get; }

    /// <summary>Refuses a value the service would drop, split or not match, before anything is sent.</summary>
    /// <param name="value">The value as given.</param>
    /// <param name="parameterName">The method's parameter.</param>
    /// <param name="method">The method, for the message: <c>ResumeFilter.WithLabel</c>.</param>
    public void Check(string? value, string parameterName, string method)
    {
        var subject = $"The {Noun} given to {method}";
        var member = method[(method.LastIndexOf('.') + 1)..];
        var commaFix = TakesMany ? $"Call {member} once per {Noun}." : $"A {Noun} with a comma can't be selected by this filter.";
        switch (Value)
        {
            case CriterionValue.Text:
                WireText.EnsureValue(value, parameterName, subject, Expected);
                break;
            case CriterionValue.ListText:
                WireText.EnsureListValue(value, parameterName, subject, Expected, OtherWay is null ? commaFix : $"{commaFix} {OtherWay}");
                break;
            case CriterionValue.WorkflowUrl:
                WireText.EnsureWorkflowUrl(value, parameterName, subject, OtherWay ?? string.Empty);
                break;
            case CriterionValue.IpAddress:
                WireText.EnsureIpAddress(value, parameterName, subject);
                break;
            default:
                ArgumentNullException.ThrowIfNull(value, parameterName);
                break;
        }
    }

    /// <summary>The parameter and how it matches, as a generated test names its case.</summary>
    public override string ToString() => $"{WireName} ({Matches}; {TakenBy})";
}

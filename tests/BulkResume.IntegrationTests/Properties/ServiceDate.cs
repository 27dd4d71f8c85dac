namespace BulkResume.IntegrationTests.Properties;

/// <summary>Whether the service's answers carry its clock in a <c>Date</c> header, which a client may read its skew from.</summary>
public enum ServiceDate
{
    /// <summary>Every answer has a <c>Date</c> from the service's clock, to the second, as HTTP writes it.</summary>
    Sent,

    /// <summary>No answer has one (a proxy dropped it, or a service that sends none): the client must manage without.</summary>
    Stripped,
}

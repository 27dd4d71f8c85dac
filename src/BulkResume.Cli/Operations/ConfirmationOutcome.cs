namespace BulkResume.Cli.Operations;

/// <summary>Whether a bulk action may go ahead.</summary>
internal enum ConfirmationOutcome
{
    /// <summary>At or below the threshold, or the operator said yes.</summary>
    Proceed,

    /// <summary>The operator said no.</summary>
    Declined,

    /// <summary>Above the threshold with no one to ask (stdin redirected, or --json): --yes is required.</summary>
    NeedsYes,
}

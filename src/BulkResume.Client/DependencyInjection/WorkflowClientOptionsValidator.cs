using Microsoft.Extensions.Options;

namespace BulkResume.DependencyInjection;

/// <summary>Source-generated validation of <see cref="WorkflowClientOptions"/> from its attributes.</summary>
/// <remarks>
/// Used at host start (<c>ValidateOnStart</c>) and by every client constructor, so both paths apply the same rules.
/// </remarks>
[OptionsValidator]
internal sealed partial class WorkflowClientOptionsValidator : IValidateOptions<WorkflowClientOptions>
{
}

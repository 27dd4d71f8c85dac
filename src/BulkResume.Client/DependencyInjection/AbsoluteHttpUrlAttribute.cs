using System.ComponentModel.DataAnnotations;

namespace BulkResume.DependencyInjection;

/// <summary>Validates that a <see cref="Uri"/> is an absolute http or https URL.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is Uri url && WorkflowClientOptions.IsHttp(url);
}

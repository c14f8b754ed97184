namespace Cartero.Features.Retention;

/// <summary>A retention setting or legal hold the admin must correct; <see cref="Field"/> names the form field.</summary>
public sealed class RetentionValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

namespace Cartero.Features.Audit;

/// <summary>
/// The details type of an action that records none (<c>detalle</c> stays null). Never instantiated: such actions are
/// recorded with the <see cref="AuditRecord.Of(string, string?, AuditAction{NoDetails}, string?)"/> overload.
/// </summary>
public sealed class NoDetails
{
    private NoDetails()
    {
    }
}

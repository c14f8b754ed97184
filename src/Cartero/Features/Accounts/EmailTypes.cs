namespace Cartero.Features.Accounts;

/// <summary>The <c>tipo_correo</c> of the mail this feature sends (invitations too: one type, one retention, one rule).</summary>
public static class EmailTypes
{
    public const string PasswordRecovery = "recuperacion_contrasena";
}

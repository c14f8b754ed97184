using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Worker;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Accounts;

/// <summary>
/// The single-use link of a recovery or invitation mail. What is stored (<c>log_envio_correo_contenido</c>) carries
/// <see cref="Marker"/> where the code goes; only the message handed to the provider gets a code, made at that moment
/// from the person's current security stamp (<see cref="PasswordLinkTokenProvider"/>). So no copy of a working link
/// exists anywhere Cartero writes: not the log, its content, the panel, exports, app logs or provider metadata.
/// </summary>
public sealed class PasswordLinks(IServiceScopeFactory scopes, IOptions<AccountOptions> options) : ISendTimeContent
{
    /// <summary><c>originado_por</c> of these mails: only they get a code at send time.</summary>
    public const string ActorName = "cartero:cuentas";

    /// <summary>Where the code goes; also what a reader of the stored copy sees instead of it.</summary>
    public const string Marker = "oculto-hasta-el-envio";

    /// <summary>What replaces the marker when no code may be made (the account is gone, deactivated or has another address).</summary>
    public const string Unavailable = "enlace-no-disponible";

    public const string EntityType = "usuario";

    /// <summary>The link as stored: everything but the code.</summary>
    public string RedactedLink(Guid userId) =>
        $"{options.Value.PublicUrl!.TrimEnd('/')}/cuenta/restablecer?usuario={userId}&codigo={Marker}";

    public async Task<OutgoingEmail> CompleteAsync(EmailLogEntry entry, OutgoingEmail message, CancellationToken cancellationToken)
    {
        if (entry.Type != EmailTypes.PasswordRecovery || entry.OriginatedBy != ActorName || entry.EntityType != EntityType)
        {
            return message;
        }

        var code = Unavailable;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            // The code goes only to the account's own address, alone: a row that names another address or adds copies gets none.
            if (entry.EntityId is { } id && await users.FindByIdAsync(id) is { } user && user.LockoutEnd != DateTimeOffset.MaxValue &&
                string.Equals(user.Email, entry.ToAddress, StringComparison.OrdinalIgnoreCase) && entry.Cc is null && entry.Bcc is null)
            {
                code = Uri.EscapeDataString(await users.GeneratePasswordResetTokenAsync(user));
            }
        }

        return message with
        {
            HtmlBody = message.HtmlBody?.Replace(Marker, code, StringComparison.Ordinal),
            TextBody = message.TextBody?.Replace(Marker, code, StringComparison.Ordinal),
        };
    }
}

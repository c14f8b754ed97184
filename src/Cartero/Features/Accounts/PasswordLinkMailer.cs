using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Accounts;

/// <summary>Enqueues a recovery or invitation mail for a person through the ordinary send path, its link redacted.</summary>
public sealed class PasswordLinkMailer(EmailEnqueuer enqueuer, PasswordLinks links, IOptions<AccountOptions> options)
{
    public async Task<EmailLogEntry> SendAsync(CarteroUser user, bool invitation, string? ip, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            throw new InvalidOperationException("Configure Cartero:Accounts:PublicUrl (la dirección pública del panel) para enviar enlaces de contraseña.");
        }

        var request = new EnqueueEmailRequest
        {
            Type = EmailTypes.PasswordRecovery,
            Template = EmailTypes.PasswordRecovery,
            To = new EmailRecipient(user.Email, user.FullName, user.CustomerId is null ? "empleado" : "cliente", user.CustomerId ?? user.Id.ToString()),
            Entity = new EmailEntityRef(PasswordLinks.EntityType, user.Id.ToString()),
            Data = new JsonObject
            {
                ["usuario"] = new JsonObject { ["nombre"] = user.FullName },
                ["enlace"] = links.RedactedLink(user.Id),
                // A decimal, as the request validator reads numbers (a JSON value made from an int does not convert).
                ["vence_en_minutos"] = Math.Round((decimal)options.Value.LinkLifetime.TotalMinutes),
                ["invitacion"] = invitation,
            },
        };
        var (entry, _) = await enqueuer.EnqueueAsync(request, new RequestActor(PasswordLinks.ActorName, ip, false), EmailOrigin.Automatic, cancellationToken);
        return entry;
    }
}

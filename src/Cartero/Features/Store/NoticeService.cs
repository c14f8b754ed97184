using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Store;

/// <summary>Administrative notices: one <c>aviso_administrativo</c> email (one log row) per active employee of the chosen roles.</summary>
public sealed class NoticeService(CarteroDbContext db, EmailEnqueuer enqueuer, TimeProvider time)
{
    /// <summary>Roles a notice can go to: employees only, never customers.</summary>
    public static readonly IReadOnlyList<string> EmployeeRoles = [CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Soporte, CarteroRoles.Vendedor, CarteroRoles.Optometrista];

    public async Task<IReadOnlyList<EmailRecipient>> RecipientsAsync(IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var chosen = roles.Where(EmployeeRoles.Contains).ToList();
        var now = time.GetUtcNow();
        var people = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where chosen.Contains(r.Name!) && u.Email != null
                            select new { u.Id, u.Email, u.FullName, u.LockoutEnd }).ToListAsync(cancellationToken);
        return [.. people.Where(p => p.LockoutEnd is null || p.LockoutEnd < now).DistinctBy(p => p.Id)
            .OrderBy(p => p.Email).Select(p => new EmailRecipient(p.Email, p.FullName, "empleado", p.Id.ToString()))];
    }

    /// <returns>How many emails were enqueued.</returns>
    /// <exception cref="StoreValidationException">No role, no title or message, or nobody to send to.</exception>
    public async Task<int> SendAsync(IReadOnlyCollection<string> roles, string? title, string? message, RequestActor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!roles.Any(EmployeeRoles.Contains))
        {
            errors["roles"] = ["Elija al menos un rol de empleados."];
        }

        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 200 || title.Contains('\n', StringComparison.Ordinal))
        {
            errors["title"] = ["Escriba un título de una línea (hasta 200 caracteres)."];
        }

        if (string.IsNullOrWhiteSpace(message) || message.Length > 10_000)
        {
            errors["message"] = ["Escriba el mensaje (hasta 10 000 caracteres)."];
        }

        if (errors.Count > 0)
        {
            throw new StoreValidationException(errors);
        }

        var recipients = await RecipientsAsync(roles, cancellationToken);
        if (recipients.Count == 0)
        {
            throw StoreValidationException.Of("roles", "Nadie activo tiene esos roles; elija otros.");
        }

        var noticeId = Guid.CreateVersion7(time.GetUtcNow()).ToString();
        var sent = 0;
        foreach (var chunk in recipients.Chunk(EmailEnqueuer.MaxBatchSize))
        {
            var requests = chunk.Select(r => new EnqueueEmailRequest
            {
                Type = "aviso_administrativo",
                To = r,
                Entity = new EmailEntityRef("aviso", noticeId),
                Data = new JsonObject { ["titulo"] = title!.Trim(), ["mensaje"] = message!.Trim() },
            }).ToList();
            sent += (await enqueuer.EnqueueManyAsync(requests, actor, EmailOrigin.Manual, cancellationToken)).Count;
        }

        return sent;
    }
}

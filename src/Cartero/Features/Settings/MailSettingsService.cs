using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Providers;
using Cartero.Platform;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Settings;

/// <summary>Reads (masked) and changes the sender account; every change is audited in the same transaction.</summary>
public sealed class MailSettingsService(CarteroDbContext db, ISecretProtector secrets, IAuditTrail audit, DataDirectory data, TimeProvider time, OutboundHostPolicy hosts)
{
    public const string DefaultFrom = "cartero@localhost";

    public async Task<MailSettingsView> GetAsync(CancellationToken cancellationToken)
    {
        var s = await db.MailSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == MailAccountSettings.SingletonId, cancellationToken);
        return s is null
            ? new MailSettingsView(false, "pickup", null, null, "auto", null, false, null, null, null, DefaultFrom, null, null, null, null, 0,
                new BounceMailboxView(false, null, null, "auto", null, false, BounceMailboxDefaults.Folder, null))
            : new MailSettingsView(true, s.Provider, s.Host, s.Port, s.Security, s.Username, s.PasswordEncrypted is not null, s.ApiKeyLast4,
                s.SendGridBaseUrl, s.TrustedCertificateSha256, s.FromAddress, s.FromName, s.ReplyTo, s.UpdatedAt, s.UpdatedBy, s.Version,
                new BounceMailboxView(s.BounceEnabled, s.BounceHost, s.BouncePort, s.BounceSecurity, s.BounceUsername, s.BouncePasswordEncrypted is not null,
                    s.BounceFolder ?? BounceMailboxDefaults.Folder, s.ReturnPath));
    }

    /// <summary>Validates and saves; returns field errors (nothing saved) or the new view. Throws <see cref="MailSettingsVersionConflictException"/> on a version mismatch.</summary>
    public async Task<(MailSettingsView? View, Dictionary<string, string[]> Errors)> UpdateAsync(MailSettingsUpdate update, RequestActor actor, CancellationToken cancellationToken)
    {
        var stored = await db.MailSettings.FirstOrDefaultAsync(s => s.Id == MailAccountSettings.SingletonId, cancellationToken);
        var errors = MailSettingsValidator.Validate(update, stored, hosts);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (update.Version is { } expected && expected != (stored?.Version ?? 0))
        {
            throw new MailSettingsVersionConflictException($"La configuración cambió mientras la editaba (versión {stored?.Version ?? 0}, usted tenía {expected}). Recargue y vuelva a aplicar sus cambios.");
        }

        var before = stored is null ? null : Snapshot(stored);
        var hadPassword = stored?.PasswordEncrypted is not null;
        var hadApiKey = stored?.ApiKeyEncrypted is not null;
        var hadBouncePassword = stored?.BouncePasswordEncrypted is not null;
        var row = stored ?? new MailAccountSettings { Provider = "pickup", FromAddress = DefaultFrom };
        Apply(row, update);
        var changes = new Dictionary<string, object?>();
        var after = Snapshot(row);
        foreach (var (field, value) in after)
        {
            var old = before?.GetValueOrDefault(field);
            if (!Equals(old, value))
            {
                changes[field] = new { antes = old, despues = value };
            }
        }

        if (SecretChange(hadPassword, row.PasswordEncrypted is not null, update.Password) is { } password)
        {
            changes["contrasena"] = password;
        }

        if (SecretChange(hadApiKey, row.ApiKeyEncrypted is not null, update.ApiKey) is { } apiKey)
        {
            changes["clave_api"] = apiKey;
        }

        if (SecretChange(hadBouncePassword, row.BouncePasswordEncrypted is not null, update.BounceMailbox?.Password) is { } bouncePassword)
        {
            changes["buzon_rebotes_contrasena"] = bouncePassword;
        }

        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        row.UpdatedBy = actor.Name;
        row.Version = (stored?.Version ?? 0) + 1;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (stored is null)
        {
            db.MailSettings.Add(row);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // Another save won between our read and our write (the version is the concurrency token).
            throw new MailSettingsVersionConflictException("La configuración cambió mientras la editaba. Recargue y vuelva a aplicar sus cambios.", ex);
        }

        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ChangeMailSettings, "configuracion_correo", new SettingsChangesDetails(changes)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (await GetAsync(cancellationToken), errors);
    }

    /// <summary>The account a change would produce, without saving it (for "try before saving" tests).</summary>
    public async Task<(MailAccount? Account, Dictionary<string, string[]> Errors)> PreviewAsync(MailSettingsUpdate update, CancellationToken cancellationToken)
    {
        var stored = await db.MailSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == MailAccountSettings.SingletonId, cancellationToken);
        var errors = MailSettingsValidator.Validate(update, stored, hosts);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var row = stored ?? new MailAccountSettings { Provider = "pickup", FromAddress = DefaultFrom };
        Apply(row, update);
        return (MailAccountFactory.Create(row, secrets, data), errors);
    }

    private void Apply(MailAccountSettings row, MailSettingsUpdate u)
    {
        row.Provider = u.Provider!.Trim().ToLowerInvariant();
        row.Host = Blank(u.Host);
        row.Port = u.Port;
        row.Security = MailSettingsValidator.SecurityOf(u.Security);
        row.Username = Blank(u.Username);
        row.SendGridBaseUrl = Blank(u.SendGridBaseUrl);
        row.TrustedCertificateSha256 = MailSettingsValidator.Pin(u.TrustedCertificateSha256);
        row.FromAddress = u.FromAddress!.Trim();
        row.FromName = Blank(u.FromName);
        row.ReplyTo = Blank(u.ReplyTo);
        if (u.Password is not null)
        {
            row.PasswordEncrypted = u.Password.Length == 0 ? null : secrets.Protect(u.Password, MailSecretColumns.Password.Purpose(row));
        }

        // A password without its user can never be used; keeping it would only keep a secret nobody can see is there.
        if (row.Username is null)
        {
            row.PasswordEncrypted = null;
        }

        if (u.ApiKey is not null)
        {
            row.ApiKeyEncrypted = u.ApiKey.Length == 0 ? null : secrets.Protect(u.ApiKey, MailSecretColumns.ApiKey.Purpose(row));
            row.ApiKeyLast4 = u.ApiKey.Length >= 8 ? u.ApiKey[^4..] : null;
        }

        if (u.BounceMailbox is { } b)
        {
            row.BounceEnabled = b.Enabled;
            row.BounceHost = Blank(b.Host);
            row.BouncePort = b.Port;
            row.BounceSecurity = MailSettingsValidator.SecurityOf(b.Security);
            row.BounceUsername = Blank(b.Username);
            row.BounceFolder = Blank(b.Folder);
            row.ReturnPath = Blank(b.ReturnPath);
            if (b.Password is not null)
            {
                row.BouncePasswordEncrypted = b.Password.Length == 0 ? null : secrets.Protect(b.Password, MailSecretColumns.BouncePassword.Purpose(row));
            }

            if (row.BounceUsername is null)
            {
                row.BouncePasswordEncrypted = null;
            }
        }
    }

    /// <summary>What happened to a stored secret, in the audit's words, or null when nothing did.</summary>
    private static string? SecretChange(bool had, bool has, string? typed) => (had, has) switch
    {
        (true, false) => "eliminada",
        (false, true) => "configurada",
        (true, true) when typed is { Length: > 0 } => "cambiada",
        _ => null,
    };

    private static Dictionary<string, object?> Snapshot(MailAccountSettings s) => new()
    {
        ["proveedor"] = s.Provider, ["servidor"] = s.Host, ["puerto"] = s.Port, ["seguridad"] = s.Security, ["usuario"] = s.Username,
        ["sendgrid_url"] = s.SendGridBaseUrl, ["certificado_confiable_sha256"] = s.TrustedCertificateSha256,
        ["remitente_correo"] = s.FromAddress, ["remitente_nombre"] = s.FromName, ["responder_a"] = s.ReplyTo,
        ["ruta_retorno"] = s.ReturnPath, ["buzon_rebotes_habilitado"] = s.BounceEnabled, ["buzon_rebotes_servidor"] = s.BounceHost,
        ["buzon_rebotes_puerto"] = s.BouncePort, ["buzon_rebotes_seguridad"] = s.BounceSecurity, ["buzon_rebotes_usuario"] = s.BounceUsername,
        ["buzon_rebotes_carpeta"] = s.BounceFolder,
    };

    private static string? Blank(string? value) => MailSettingsValidator.Blank(value);
}

using System.Text.RegularExpressions;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing;

/// <summary>Reads (masked) and changes the issuer, establishment, ambiente, secuencial and certificate; every change is audited.</summary>
public sealed partial class InvoicingSettingsService(CarteroDbContext db, ISecretProtector secrets, IAuditTrail audit, TimeProvider time, Points.IssuingPointService points)
{
    public const int WarnDaysBeforeExpiry = 30;

    public async Task<InvoicingSettingsView> GetAsync(CancellationToken cancellationToken)
    {
        var s = await db.InvoicingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == InvoicingSettings.SingletonId, cancellationToken);
        if (s is null)
        {
            return new InvoicingSettingsView(false, null, null, null, null, null, false, null, false, null, null, null, "pruebas", 1,
                new SigningCertificateView(false, null, null, null, null, false), null, null, 0);
        }

        var next = await db.InvoiceSequences.AsNoTracking()
            .Where(q => q.Environment == s.Environment && q.Establishment == s.Establishment && q.EmissionPoint == s.EmissionPoint)
            .Select(q => (long?)q.Next).FirstOrDefaultAsync(cancellationToken) ?? 1;
        return new InvoicingSettingsView(true, s.Ruc, s.BusinessName, s.TradeName, s.HeadOfficeAddress, s.EstablishmentAddress, s.KeepsAccounts,
            s.SpecialTaxpayer, s.Rimpe, s.WithholdingAgent, s.Establishment, s.EmissionPoint, s.Environment, next, CertificateView(s),
            s.UpdatedAt, s.UpdatedBy, s.Version)
        {
            Establishments = await points.ListAsync(s, cancellationToken),
            Logo = InvoiceLogo.ViewOf(s),
        };
    }

    /// <summary>Validates and saves; returns field errors (nothing saved) or the new view. Throws <see cref="InvoicingSettingsVersionConflictException"/> on a version mismatch.</summary>
    public async Task<(InvoicingSettingsView? View, Dictionary<string, string[]> Errors)> UpdateAsync(InvoicingSettingsUpdate update, RequestActor actor, CancellationToken cancellationToken)
    {
        var stored = await db.InvoicingSettings.FirstOrDefaultAsync(s => s.Id == InvoicingSettings.SingletonId, cancellationToken);
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            errors.TryAdd(field, []);
            errors[field].Add(message);
        }

        Validate(update, Add);
        var logo = InvoiceLogo.Read(update.LogoBase64, Add);
        CertificadoFirma? certificate = null;
        try
        {
            certificate = ReadCertificate(update, stored, Add);
            long? currentNext = null;
            if (errors.Count == 0)
            {
                currentNext = await db.InvoiceSequences.AsNoTracking()
                    .Where(q => q.Environment == update.Environment && q.Establishment == update.Establishment && q.EmissionPoint == update.EmissionPoint)
                    .Select(q => (long?)q.Next).FirstOrDefaultAsync(cancellationToken);
                if (update.NextSequential is { } wanted && currentNext is { } next && wanted < next)
                {
                    Add("nextSequential", $"El siguiente secuencial de {update.Establishment}-{update.EmissionPoint} ya es {next}; no se puede bajar porque se reutilizarían números ya emitidos.");
                }
            }

            if (errors.Count > 0)
            {
                return (null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
            }

            if (update.Version is { } expected && expected != (stored?.Version ?? 0))
            {
                throw new InvoicingSettingsVersionConflictException($"La configuración de facturación cambió mientras la editaba (versión {stored?.Version ?? 0}, usted tenía {expected}). Recargue y vuelva a aplicar sus cambios.");
            }

            var before = stored is null ? null : Snapshot(stored);
            var row = stored ?? new InvoicingSettings
            {
                Ruc = "", BusinessName = "", HeadOfficeAddress = "", Establishment = "", EmissionPoint = "", Environment = "pruebas", UpdatedBy = "",
            };
            Apply(row, update);
            var changes = new Dictionary<string, object?>();
            foreach (var (field, value) in Snapshot(row))
            {
                var old = before?.GetValueOrDefault(field);
                if (!Equals(old, value))
                {
                    changes[field] = new { antes = old, despues = value };
                }
            }

            if (logo is { } newLogo)
            {
                row.Logo = newLogo.Bytes;
                row.LogoContentType = newLogo.ContentType;
                changes["logo"] = new { tipo = newLogo.ContentType, bytes = newLogo.Bytes.Length, sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(newLogo.Bytes)) };
            }
            else if (update.RemoveLogo && row.Logo is not null)
            {
                row.Logo = null;
                row.LogoContentType = null;
                changes["logo"] = new { quitado = true };
            }

            // The registered default establecimiento keeps the same address as the settings.
            if (await db.Set<Points.Establishment>().FirstOrDefaultAsync(e => e.Code == row.Establishment, cancellationToken) is { } establishment
                && row.EstablishmentAddress is { } address)
            {
                establishment.Address = address;
            }

            if (certificate is not null && update.CertificateBase64 is { Length: > 0 })
            {
                row.CertificateEncrypted = secrets.Protect(update.CertificateBase64.Trim(), InvoicingSecretColumns.Certificate.Purpose(row));
                row.CertificatePasswordEncrypted = secrets.Protect(update.CertificatePassword ?? "", InvoicingSecretColumns.CertificatePassword.Purpose(row));
                row.CertificateSubject = certificate.Sujeto;
                row.CertificateIssuer = certificate.Emisor;
                row.CertificateNotAfter = certificate.NoValidoDespues.UtcDateTime;
                changes["certificado"] = new { sujeto = certificate.Sujeto, vence = certificate.NoValidoDespues.UtcDateTime };
            }

            row.UpdatedAt = time.GetUtcNow().UtcDateTime;
            row.UpdatedBy = actor.Name;
            row.Version = (stored?.Version ?? 0) + 1;
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (stored is null)
            {
                db.InvoicingSettings.Add(row);
            }

            if (update.NextSequential is { } raised && raised != currentNext)
            {
                var sequence = await db.InvoiceSequences.FirstOrDefaultAsync(
                    q => q.Environment == row.Environment && q.Establishment == row.Establishment && q.EmissionPoint == row.EmissionPoint, cancellationToken);
                if (sequence is null)
                {
                    db.InvoiceSequences.Add(new InvoiceSequence { Environment = row.Environment, Establishment = row.Establishment, EmissionPoint = row.EmissionPoint, Next = raised });
                }
                else
                {
                    sequence.Next = raised;
                }

                changes["siguiente_secuencial"] = new { antes = currentNext, despues = raised };
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                // Another save won between our read and our write (the version is the concurrency token).
                throw new InvoicingSettingsVersionConflictException("La configuración de facturación cambió mientras la editaba. Recargue y vuelva a aplicar sus cambios.", ex);
            }

            await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ChangeInvoicingSettings, "configuracion_facturacion", new SettingsChangesDetails(changes)), cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return (await GetAsync(cancellationToken), []);
        }
        finally
        {
            certificate?.Dispose();
        }
    }

    /// <summary>The stored settings, or why invoices cannot be issued with them yet.</summary>
    public async Task<InvoicingSettings> RequireAsync(CancellationToken cancellationToken) =>
        await db.InvoicingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == InvoicingSettings.SingletonId, cancellationToken)
        ?? throw new InvoicingNotReadyException("La facturación electrónica no está configurada: un administrador debe registrar el emisor, el establecimiento y el certificado de firma en Configuración → Facturación (o PUT /api/v1/settings/invoicing).");

    /// <summary>
    /// Refuses, with what to do, when the stored certificate is missing or expired; reads only the stored expiry, so
    /// accepting a sale does not decrypt and load the key (signing does).
    /// </summary>
    public void EnsureCanSign(InvoicingSettings settings)
    {
        if (settings.CertificateEncrypted is null || settings.CertificatePasswordEncrypted is null)
        {
            throw new InvoicingNotReadyException("No hay certificado de firma electrónica: cargue el archivo .p12 y su contraseña en Configuración → Facturación.");
        }

        if (settings.CertificateNotAfter is { } end && end <= time.GetUtcNow().UtcDateTime)
        {
            throw new InvoicingNotReadyException(
                $"El certificado de firma electrónica venció el {end:yyyy-MM-dd}: renuévelo con su entidad de certificación y cárguelo en Configuración → Facturación.");
        }
    }

    /// <summary>Opens the stored certificate; throws <see cref="InvoicingNotReadyException"/> or <see cref="CertificadoInvalidoException"/> saying what to fix.</summary>
    public CertificadoFirma OpenCertificate(InvoicingSettings settings)
    {
        if (settings.CertificateEncrypted is null || settings.CertificatePasswordEncrypted is null)
        {
            throw new InvoicingNotReadyException("No hay certificado de firma electrónica: cargue el archivo .p12 y su contraseña en Configuración → Facturación.");
        }

        var pkcs12 = Convert.FromBase64String(secrets.Unprotect(settings.CertificateEncrypted, InvoicingSecretColumns.Certificate.Purpose(settings)));
        var certificate = CertificadoFirma.Cargar(pkcs12, secrets.Unprotect(settings.CertificatePasswordEncrypted, InvoicingSecretColumns.CertificatePassword.Purpose(settings)), time);
        return certificate;
    }

    private SigningCertificateView CertificateView(InvoicingSettings s)
    {
        if (s.CertificateEncrypted is null)
        {
            return new SigningCertificateView(false, null, null, null, null, false);
        }

        var days = s.CertificateNotAfter is { } end ? (int)Math.Floor((end - time.GetUtcNow().UtcDateTime).TotalDays) : (int?)null;
        return new SigningCertificateView(true, s.CertificateSubject, s.CertificateIssuer, s.CertificateNotAfter, days, days < WarnDaysBeforeExpiry);
    }

    private CertificadoFirma? ReadCertificate(InvoicingSettingsUpdate update, InvoicingSettings? stored, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(update.CertificateBase64))
        {
            if (update.CertificatePassword is { Length: > 0 } && stored?.CertificateEncrypted is null)
            {
                add("certificateBase64", "Cargue el archivo .p12 junto con su contraseña.");
            }

            return null;
        }

        byte[] pkcs12;
        try
        {
            pkcs12 = Convert.FromBase64String(update.CertificateBase64.Trim());
        }
        catch (FormatException)
        {
            add("certificateBase64", "El certificado debe enviarse como el archivo .p12 en base64.");
            return null;
        }

        if (string.IsNullOrEmpty(update.CertificatePassword))
        {
            add("certificatePassword", "Indique la contraseña del archivo .p12.");
            return null;
        }

        try
        {
            return CertificadoFirma.Cargar(pkcs12, update.CertificatePassword, time);
        }
        catch (CertificadoInvalidoException ex)
        {
            add("certificateBase64", ex.Message);
            return null;
        }
    }

    private static void Validate(InvoicingSettingsUpdate u, Action<string, string> add)
    {
        if (u.Ruc is null || !RucPattern().IsMatch(u.Ruc))
        {
            add("ruc", "El RUC del emisor tiene 13 dígitos y termina en 001.");
        }

        Required(u.BusinessName, "businessName", "Indique la razón social del emisor, como consta en el RUC.", add);
        Required(u.HeadOfficeAddress, "headOfficeAddress", "Indique la dirección de la matriz.", add);
        Length(u.BusinessName, "businessName", add);
        Length(u.TradeName, "tradeName", add);
        Length(u.HeadOfficeAddress, "headOfficeAddress", add);
        Length(u.EstablishmentAddress, "establishmentAddress", add);
        if (u.Establishment is null || !SeriesPattern().IsMatch(u.Establishment))
        {
            add("establishment", "El establecimiento son 3 dígitos, de 001 a 999 (por ejemplo 001).");
        }

        if (u.EmissionPoint is null || !SeriesPattern().IsMatch(u.EmissionPoint))
        {
            add("emissionPoint", "El punto de emisión son 3 dígitos, de 001 a 999 (por ejemplo 001).");
        }

        if (u.Environment is not ("pruebas" or "produccion"))
        {
            add("environment", "El ambiente es «pruebas» o «produccion».");
        }

        if (u.SpecialTaxpayer is { Length: > 0 } special && !SpecialPattern().IsMatch(special))
        {
            add("specialTaxpayer", "El número de contribuyente especial tiene de 3 a 13 dígitos.");
        }

        if (u.WithholdingAgent is { Length: > 0 } agent && !AgentPattern().IsMatch(agent))
        {
            add("withholdingAgent", "El número de resolución de agente de retención tiene de 1 a 8 dígitos.");
        }

        if (u.NextSequential is < 1 or > 999_999_999)
        {
            add("nextSequential", "El secuencial va de 1 a 999999999.");
        }
    }

    private static void Required(string? value, string field, string message, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            add(field, message);
        }
    }

    private static void Length(string? value, string field, Action<string, string> add)
    {
        if (value is { Length: > 300 })
        {
            add(field, "Máximo 300 caracteres.");
        }
    }

    private static void Apply(InvoicingSettings row, InvoicingSettingsUpdate u)
    {
        row.Ruc = u.Ruc!;
        row.BusinessName = u.BusinessName!.Trim();
        row.TradeName = Blank(u.TradeName);
        row.HeadOfficeAddress = u.HeadOfficeAddress!.Trim();
        row.EstablishmentAddress = Blank(u.EstablishmentAddress);
        row.KeepsAccounts = u.KeepsAccounts;
        row.SpecialTaxpayer = Blank(u.SpecialTaxpayer);
        row.Rimpe = u.Rimpe;
        row.WithholdingAgent = Blank(u.WithholdingAgent);
        row.Establishment = u.Establishment!;
        row.EmissionPoint = u.EmissionPoint!;
        row.Environment = u.Environment!;
    }

    private static Dictionary<string, object?> Snapshot(InvoicingSettings s) => new()
    {
        ["ruc"] = s.Ruc,
        ["razon_social"] = s.BusinessName,
        ["nombre_comercial"] = s.TradeName,
        ["direccion_matriz"] = s.HeadOfficeAddress,
        ["direccion_establecimiento"] = s.EstablishmentAddress,
        ["obligado_contabilidad"] = s.KeepsAccounts,
        ["contribuyente_especial"] = s.SpecialTaxpayer,
        ["contribuyente_rimpe"] = s.Rimpe,
        ["agente_retencion"] = s.WithholdingAgent,
        ["establecimiento"] = s.Establishment,
        ["punto_emision"] = s.EmissionPoint,
        ["ambiente"] = s.Environment,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^\d{10}001$")]
    private static partial Regex RucPattern();

    [GeneratedRegex(@"^(?!000)\d{3}$")]
    private static partial Regex SeriesPattern();

    [GeneratedRegex(@"^\d{3,13}$")]
    private static partial Regex SpecialPattern();

    [GeneratedRegex(@"^\d{1,8}$")]
    private static partial Regex AgentPattern();
}

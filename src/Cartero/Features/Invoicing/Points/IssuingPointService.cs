using System.Text.RegularExpressions;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing.Points;

/// <summary>
/// The issuer's establecimientos and puntos de emisión: listing, changes (audited), and which one an invoice is issued
/// from. The settings' own establecimiento and punto stay the default; they count as registered even before they are
/// added to the lists, so installations from before several puntos keep invoicing unchanged.
/// </summary>
public sealed partial class IssuingPointService(CarteroDbContext db, IAuditTrail audit, TimeProvider time)
{
    public async Task<IReadOnlyList<EstablishmentView>> ListAsync(InvoicingSettings? settings, CancellationToken cancellationToken)
    {
        var establishments = await db.Set<Establishment>().AsNoTracking().OrderBy(e => e.Code).ToListAsync(cancellationToken);
        var points = await db.Set<IssuingPoint>().AsNoTracking().ToListAsync(cancellationToken);
        var users = await db.Set<IssuingPointUser>().AsNoTracking().ToListAsync(cancellationToken);
        var environment = settings?.Environment ?? "pruebas";
        var sequences = await db.InvoiceSequences.AsNoTracking().Where(q => q.Environment == environment).ToListAsync(cancellationToken);
        if (settings is { Establishment.Length: 3, EmissionPoint.Length: 3 })
        {
            if (establishments.All(e => e.Code != settings.Establishment))
            {
                establishments.Add(DefaultEstablishment(settings));
            }

            if (!points.Any(p => p.EstablishmentCode == settings.Establishment && p.Code == settings.EmissionPoint))
            {
                points.Add(DefaultPoint(settings));
            }
        }

        bool IsDefault(string e, string p) => settings is not null && settings.Establishment == e && settings.EmissionPoint == p;
        return
        [
            .. establishments.OrderBy(e => e.Code, StringComparer.Ordinal).Select(e => new EstablishmentView(e.Code, e.Name, e.Address, settings?.Establishment == e.Code,
                [
                    .. points.Where(p => p.EstablishmentCode == e.Code).OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => new IssuingPointView(
                        p.Code, p.Description, p.RideLayout,
                        sequences.FirstOrDefault(q => q.Establishment == e.Code && q.EmissionPoint == p.Code)?.Next ?? 1,
                        IsDefault(e.Code, p.Code),
                        [.. users.Where(u => u.EstablishmentCode == e.Code && u.PointCode == p.Code).Select(u => u.UserName).Order(StringComparer.Ordinal)])),
                ])),
        ];
    }

    /// <summary>Creates or changes an establecimiento; returns field errors (nothing saved) or none.</summary>
    public async Task<Dictionary<string, string[]>> SaveEstablishmentAsync(string code, EstablishmentUpdate update, RequestActor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);
        if (!CodePattern().IsMatch(code))
        {
            Add("code", "El código del establecimiento son 3 dígitos, de 001 a 999 (por ejemplo 002).");
        }

        if (string.IsNullOrWhiteSpace(update.Name))
        {
            Add("name", "Indique el nombre del establecimiento (por ejemplo «Sucursal Norte»).");
        }
        else if (update.Name.Trim().Length > 300)
        {
            Add("name", "Máximo 300 caracteres.");
        }

        if (string.IsNullOrWhiteSpace(update.Address))
        {
            Add("address", "Indique la dirección del establecimiento: se imprime en cada factura emitida desde allí.");
        }
        else if (update.Address.Trim().Length > 300)
        {
            Add("address", "Máximo 300 caracteres.");
        }

        if (errors.Count > 0)
        {
            return Errors(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.Set<Establishment>().FirstOrDefaultAsync(e => e.Code == code, cancellationToken);
        var before = row is null ? null : new EstablishmentValues(row.Name, row.Address);
        if (row is null)
        {
            row = new Establishment { Code = code, Name = "", Address = "", UpdatedBy = "" };
            db.Add(row);
        }

        row.Name = update.Name!.Trim();
        row.Address = update.Address!.Trim();
        row.UpdatedAt = now;
        row.UpdatedBy = actor.Name;
        // The settings' own address of the default establecimiento follows, so the two never disagree.
        if (await db.InvoicingSettings.FirstOrDefaultAsync(s => s.Id == InvoicingSettings.SingletonId, cancellationToken) is { } settings && settings.Establishment == code)
        {
            settings.EstablishmentAddress = row.Address;
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ChangeEstablishment, $"establecimiento:{code}",
            new ChangeEstablishmentDetails(before, new EstablishmentValues(row.Name, row.Address))), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>Creates or changes a punto de emisión; returns field errors (nothing saved) or none.</summary>
    public async Task<Dictionary<string, string[]>> SavePointAsync(string establishment, string code, IssuingPointUpdate update, RequestActor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);
        var settings = await db.InvoicingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == InvoicingSettings.SingletonId, cancellationToken);
        if (!CodePattern().IsMatch(code))
        {
            Add("code", "El código del punto de emisión son 3 dígitos, de 001 a 999 (por ejemplo 002).");
        }

        var knownEstablishment = CodePattern().IsMatch(establishment)
            && (settings?.Establishment == establishment || await db.Set<Establishment>().AnyAsync(e => e.Code == establishment, cancellationToken));
        if (!knownEstablishment)
        {
            Add("establishment", $"El establecimiento «{establishment}» no está registrado: regístrelo primero con su nombre y dirección.");
        }

        if (string.IsNullOrWhiteSpace(update.Description))
        {
            Add("description", "Indique una descripción del punto de emisión (por ejemplo «Caja 2»).");
        }
        else if (update.Description.Trim().Length > 300)
        {
            Add("description", "Máximo 300 caracteres.");
        }

        var layout = string.IsNullOrWhiteSpace(update.RideLayout) ? RideLayouts.A4 : update.RideLayout.Trim();
        if (!RideLayouts.IsKnown(layout))
        {
            Add("rideLayout", $"El formato del RIDE es «{RideLayouts.A4}» (hoja A4) o «{RideLayouts.Roll80mm}» (rollo de 80 mm).");
        }

        if (update.NextSequential is < 1 or > 999_999_999)
        {
            Add("nextSequential", "El secuencial va de 1 a 999999999.");
        }

        var users = update.Users?.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var user in users ?? [])
        {
            var normalized = user.ToUpperInvariant();
            if (!await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken))
            {
                Add("users", $"No existe el usuario «{user}»: escríbalo como inicia sesión (Usuarios).");
            }
        }

        var environment = settings?.Environment ?? "pruebas";
        var sequence = await db.InvoiceSequences.FirstOrDefaultAsync(
            q => q.Environment == environment && q.Establishment == establishment && q.EmissionPoint == code, cancellationToken);
        if (update.NextSequential is { } wanted && sequence is not null && wanted < sequence.Next)
        {
            Add("nextSequential", $"El siguiente secuencial de {establishment}-{code} ya es {sequence.Next}; no se puede bajar porque se reutilizarían números ya emitidos.");
        }

        if (errors.Count > 0)
        {
            return Errors(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.Set<IssuingPoint>().FirstOrDefaultAsync(p => p.EstablishmentCode == establishment && p.Code == code, cancellationToken);
        var before = row is null ? null : new { descripcion = row.Description, formato_ride = row.RideLayout };
        if (row is null)
        {
            if (!await db.Set<Establishment>().AnyAsync(e => e.Code == establishment, cancellationToken))
            {
                // The settings' default establecimiento, registered now so the punto has its parent row.
                db.Add(DefaultEstablishment(settings!));
            }

            row = new IssuingPoint { EstablishmentCode = establishment, Code = code, Description = "", RideLayout = RideLayouts.A4, UpdatedBy = "" };
            db.Add(row);
        }

        row.Description = update.Description!.Trim();
        row.RideLayout = layout;
        row.UpdatedAt = now;
        row.UpdatedBy = actor.Name;
        var changes = new Dictionary<string, object?>
        {
            ["antes"] = before,
            ["despues"] = new { descripcion = row.Description, formato_ride = row.RideLayout },
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (users is not null)
        {
            var current = await db.Set<IssuingPointUser>().Where(u => u.EstablishmentCode == establishment && u.PointCode == code).ToListAsync(cancellationToken);
            var others = await db.Set<IssuingPointUser>().Where(u => users.Contains(u.UserName)).ToListAsync(cancellationToken);
            db.RemoveRange(current.Concat(others).Distinct());
            await db.SaveChangesAsync(cancellationToken);
            db.AddRange(users.Select(u => new IssuingPointUser { UserName = u, EstablishmentCode = establishment, PointCode = code }));
            changes["usuarios"] = new { antes = current.Select(u => u.UserName).Order(StringComparer.Ordinal), despues = users.Order(StringComparer.Ordinal) };
        }

        if (update.NextSequential is { } raised && raised != sequence?.Next)
        {
            if (sequence is null)
            {
                db.InvoiceSequences.Add(new InvoiceSequence { Environment = environment, Establishment = establishment, EmissionPoint = code, Next = raised });
            }
            else
            {
                sequence.Next = raised;
            }

            changes["siguiente_secuencial"] = new { antes = sequence?.Next, despues = raised };
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ChangeEmissionPoint, $"punto_emision:{establishment}-{code}", new SettingsChangesDetails(changes)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// The settings as they apply to an invoice issued from <paramref name="establishment"/>-<paramref name="point"/>
    /// (the default when both are null): that establecimiento's address, that punto's numbering. Problems go to
    /// <paramref name="errors"/> under "establishment" / "emissionPoint" and the settings come back unchanged.
    /// </summary>
    public async Task<InvoicingSettings> ResolveAsync(InvoicingSettings settings, string? establishment, string? point, Dictionary<string, List<string>> errors, CancellationToken cancellationToken)
    {
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);
        establishment = string.IsNullOrWhiteSpace(establishment) ? null : establishment.Trim();
        point = string.IsNullOrWhiteSpace(point) ? null : point.Trim();
        if (establishment is null && point is null)
        {
            establishment = settings.Establishment;
            point = settings.EmissionPoint;
        }
        else if (establishment is null || point is null)
        {
            Add(establishment is null ? "establishment" : "emissionPoint", "Indique el establecimiento y el punto de emisión juntos, u omita ambos para usar los predeterminados.");
            return settings;
        }

        var isDefault = establishment == settings.Establishment && point == settings.EmissionPoint;
        var known = isDefault || await db.Set<IssuingPoint>().AnyAsync(p => p.EstablishmentCode == establishment && p.Code == point, cancellationToken);
        if (!known)
        {
            Add("emissionPoint", $"El punto de emisión {establishment}-{point} no está registrado: regístrelo en Configuración → Facturación o use uno existente.");
            return settings;
        }

        var address = await AddressOfAsync(settings, establishment, cancellationToken);
        return Copy(settings, establishment, point, address);
    }

    /// <summary>
    /// The settings a comprobante already numbered in (<paramref name="environment"/>, <paramref name="establishment"/>,
    /// <paramref name="point"/>) is written with: the issuer as configured today, that establecimiento's address.
    /// </summary>
    public async Task<InvoicingSettings> IssuedFromAsync(InvoicingSettings settings, string environment, string establishment, string point, CancellationToken cancellationToken)
    {
        var copy = Copy(settings, establishment, point, await AddressOfAsync(settings, establishment, cancellationToken));
        copy.Environment = environment;
        return copy;
    }

    /// <summary>The dirección de establecimiento printed for <paramref name="establishment"/>.</summary>
    public async Task<string?> AddressOfAsync(InvoicingSettings settings, string establishment, CancellationToken cancellationToken) =>
        await db.Set<Establishment>().AsNoTracking().Where(e => e.Code == establishment).Select(e => e.Address).FirstOrDefaultAsync(cancellationToken)
        ?? (establishment == settings.Establishment ? settings.EstablishmentAddress : null);

    /// <summary>The caja a seller was assigned to ("usuarios de esta caja"), or null for the settings' default.</summary>
    public async Task<IssuingPointChoice?> DefaultForUserAsync(string userName, CancellationToken cancellationToken) =>
        await db.Set<IssuingPointUser>().AsNoTracking().Where(u => u.UserName == userName)
            .Select(u => new IssuingPointChoice(u.EstablishmentCode, u.PointCode)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The RIDE layout of a punto (A4 for the default punto until it is registered).</summary>
    public async Task<string> RideLayoutOfAsync(string establishment, string point, CancellationToken cancellationToken) =>
        await db.Set<IssuingPoint>().AsNoTracking().Where(p => p.EstablishmentCode == establishment && p.Code == point)
            .Select(p => p.RideLayout).FirstOrDefaultAsync(cancellationToken) ?? RideLayouts.A4;

    internal static InvoicingSettings Copy(InvoicingSettings s, string establishment, string point, string? address) => new()
    {
        Id = s.Id, Ruc = s.Ruc, BusinessName = s.BusinessName, TradeName = s.TradeName, HeadOfficeAddress = s.HeadOfficeAddress,
        EstablishmentAddress = address, KeepsAccounts = s.KeepsAccounts, SpecialTaxpayer = s.SpecialTaxpayer, Rimpe = s.Rimpe,
        WithholdingAgent = s.WithholdingAgent, Establishment = establishment, EmissionPoint = point, Environment = s.Environment,
        CertificateEncrypted = s.CertificateEncrypted, CertificatePasswordEncrypted = s.CertificatePasswordEncrypted,
        CertificateSubject = s.CertificateSubject, CertificateIssuer = s.CertificateIssuer, CertificateNotAfter = s.CertificateNotAfter,
        Logo = s.Logo, LogoContentType = s.LogoContentType, UpdatedAt = s.UpdatedAt, UpdatedBy = s.UpdatedBy, Version = s.Version,
    };

    private static Establishment DefaultEstablishment(InvoicingSettings s) => new()
    {
        Code = s.Establishment,
        Name = s.TradeName ?? s.BusinessName,
        Address = s.EstablishmentAddress ?? s.HeadOfficeAddress,
        UpdatedAt = s.UpdatedAt,
        UpdatedBy = s.UpdatedBy,
    };

    private static IssuingPoint DefaultPoint(InvoicingSettings s) => new()
    {
        EstablishmentCode = s.Establishment,
        Code = s.EmissionPoint,
        Description = "Punto de emisión predeterminado",
        RideLayout = RideLayouts.A4,
        UpdatedAt = s.UpdatedAt,
        UpdatedBy = s.UpdatedBy,
    };

    private static Dictionary<string, string[]> Errors(Dictionary<string, List<string>> errors) => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    [GeneratedRegex(@"^(?!000)\d{3}$")]
    private static partial Regex CodePattern();
}

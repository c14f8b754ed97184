using System.Text;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Invoicing;

/// <summary>
/// Takes a sale from the ERP or the POS and records it as a <c>factura</c> in <c>generada</c>: validates it the way
/// the SRI will, takes the next secuencial and stores the schema-valid XML, all in one transaction so a rejected
/// request takes no number. Signing and the SRI round trip follow in <see cref="InvoiceProcessor"/>.
/// </summary>
public sealed partial class InvoiceSubmissionService(
    CarteroDbContext db,
    InvoicingSettingsService settings,
    SriSchemaValidator schemas,
    IOptions<SriOptions> options,
    InvoiceStateMachine machine,
    [FromKeyedServices(InvoicingModule.WorkSignalKey)] Platform.WorkSignal signal,
    TimeProvider time,
    IOptions<InvoiceWatchOptions> watch,
    Features.Audit.IAuditTrail audit,
    Points.IssuingPointService points)
{

    /// <exception cref="InvoiceValidationException">Field problems; nothing stored.</exception>
    /// <exception cref="InvoicingNotReadyException">Settings, certificate or schemas missing.</exception>
    /// <exception cref="InvoiceIdempotencyConflictException">The key was used for another invoice.</exception>
    public async Task<(Invoice Invoice, bool Replayed)> SubmitAsync(InvoiceRequest request, RequestActor actor, CancellationToken cancellationToken)
    {
        // Checked first, like the email API's: a key the column cannot hold must be a 400, not a database error.
        if (Sending.Enqueue.EmailRequestValidator.IdempotencyKeyProblem(request.IdempotencyKey) is { } keyProblem)
        {
            throw Invalid(new Dictionary<string, List<string>> { ["idempotencyKey"] = [keyProblem] });
        }

        var hash = request.IdempotencyKey is null ? null : HashOf(request);
        if (request.IdempotencyKey is { } key && await FindByKeyAsync(key, hash!, cancellationToken) is { } existing)
        {
            return (existing, true);
        }

        var s = await settings.RequireAsync(cancellationToken);
        // Refused now, with the reason, rather than left as an invoice that can never be signed.
        settings.EnsureCanSign(s);

        EnsureSchemas();
        var today = DateOnly.FromDateTime(EcuadorTime.ToLocal(time.GetUtcNow().UtcDateTime));
        var errors = new Dictionary<string, List<string>>();
        s = await points.ResolveAsync(s, request.Establishment, request.EmissionPoint, errors, cancellationToken);
        var draft = InvoiceRequestMapper.Map(request, s, 1, today, errors);
        if (IssueDateRule.Problem(request.IssueDate ?? today, today, watch.Value.MaxIssueDateAgeDays) is { } dateProblem)
        {
            errors["issueDate"] = [dateProblem];
            draft = null;
        }

        if (draft is null)
        {
            throw Invalid(errors);
        }

        await EnsureSequenceAsync(s, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var sequential = await TakeSequentialAsync(s, cancellationToken);
        var factura = draft with { Secuencial = sequential };
        var generated = GenerateValid(factura);

        var now = time.GetUtcNow();
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(now),
            CreatedAt = now.UtcDateTime,
            Environment = s.Environment,
            Establishment = s.Establishment,
            EmissionPoint = s.EmissionPoint,
            Sequential = sequential,
            AccessKey = generated.ClaveDeAcceso.Valor,
            IssueDate = factura.FechaEmision,
            IssuerRuc = s.Ruc,
            IssuerName = s.BusinessName,
            BuyerIdType = "",
            BuyerId = "",
            BuyerName = "",
            ExternalReference = request.Reference,
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = hash,
            OriginatedBy = actor.Name,
            GeneratedXml = "",
            NextAttemptAt = now.UtcDateTime,
        };
        Describe(invoice, factura, generated, request);
        machine.Start(invoice, actor.Name, $"Factura {invoice.Number} generada y validada contra el esquema factura 1.1.0 (solicitada por {actor.Name}).");
        db.Invoices.Add(invoice);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException) when (request.IdempotencyKey is { } raced)
        {
            // Another request with the same key won; the rollback gives the secuencial back.
            await tx.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (await FindByKeyAsync(raced, hash!, cancellationToken) is { } winner)
            {
                return (winner, true);
            }

            throw;
        }

        signal.Notify();
        return (invoice, false);
    }

    /// <summary>
    /// Replaces the data of a DEVUELTA or NO AUTORIZADO invoice and sends it again with the same clave de acceso,
    /// secuencial and fecha de emisión, as the SRI requires; returns null when there is no such invoice.
    /// </summary>
    /// <exception cref="InvoiceValidationException">Field problems; nothing changed.</exception>
    /// <exception cref="InvoiceStateConflictException">The invoice is not in a state that accepts a correction.</exception>
    public async Task<Invoice?> CorrectAsync(Guid id, InvoiceRequest request, RequestActor actor, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        if (invoice.Status is not (InvoiceStatus.Devuelta or InvoiceStatus.NoAutorizada))
        {
            throw new InvoiceStateConflictException("La factura no admite corrección",
                $"Solo se corrige una factura devuelta o no autorizada; la {invoice.Number} está «{invoice.Status.ToCode()}».", invoice.Status);
        }

        // Never a resend with the same clave for a code a correction cannot fix, nor for a date the SRI will call late.
        EnsureCorrectable(invoice);

        var s = await settings.RequireAsync(cancellationToken);
        EnsureSchemas();
        if (s.Ruc != invoice.IssuerRuc)
        {
            throw Invalid(new Dictionary<string, List<string>>
            {
                ["settings (ruc)"] = [$"La factura se emitió con el RUC {invoice.IssuerRuc} y la configuración tiene {s.Ruc}; la clave de acceso no puede cambiar."],
            });
        }

        // The clave fixes ambiente, establecimiento, punto de emisión, secuencial and date: keep them.
        var issuedFrom = await points.IssuedFromAsync(s, invoice.Environment, invoice.Establishment, invoice.EmissionPoint, cancellationToken);
        var errors = new Dictionary<string, List<string>>();
        var draft = InvoiceRequestMapper.Map(request with { IssueDate = invoice.IssueDate }, issuedFrom, invoice.Sequential, invoice.IssueDate, errors);
        if (draft is null)
        {
            throw Invalid(errors);
        }

        var generated = GenerateValid(draft with { ClaveAcceso = invoice.AccessKey });
        Describe(invoice, draft, generated, request);
        invoice.SignedXml = null;
        invoice.AuthorizedXml = null;
        invoice.AuthorizationNumber = null;
        invoice.AuthorizedAt = null;
        invoice.LastError = null;
        invoice.SriAttempts = 0;
        invoice.MailStatus = InvoiceMailStatus.Pendiente;
        invoice.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        machine.Transition(invoice, InvoiceStatus.Generada,
            $"Corregida por {actor.Name}: se vuelve a firmar y enviar con la misma clave de acceso y secuencial.", actor.Name);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return invoice;
    }

    /// <summary>The XML of <paramref name="factura"/>, refused field by field unless the SRI's rules and schema accept it.</summary>
    private FacturaGenerada GenerateValid(Factura factura)
    {
        FacturaGenerada generated;
        try
        {
            generated = FacturaXmlWriter.Generar(factura);
        }
        catch (FacturaInvalidaException ex)
        {
            throw Invalid(ex.Problemas.GroupBy(p => p.Campo).ToDictionary(g => g.Key, g => g.Select(p => p.Mensaje).ToList()));
        }

        var schema = schemas.ValidarFactura(generated.Xml);
        return schema.EsValido
            ? generated
            : throw Invalid(new Dictionary<string, List<string>> { ["xml"] = [.. schema.Errores.Select(e => e.ToString())] });
    }

    /// <summary>Copies what the invoice row shows of the buyer, the total and the XML.</summary>
    private static void Describe(Invoice invoice, Factura factura, FacturaGenerada generated, InvoiceRequest request)
    {
        invoice.BuyerIdType = ((int)factura.Comprador.TipoIdentificacion).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        invoice.BuyerId = factura.Comprador.Identificacion;
        invoice.BuyerName = factura.Comprador.RazonSocial;
        invoice.BuyerEmail = factura.InfoAdicional.FirstOrDefault(c => c.Nombre == "Email")?.Valor;
        invoice.CustomerId = string.IsNullOrWhiteSpace(request.Buyer?.CustomerId) ? invoice.CustomerId : request.Buyer.CustomerId.Trim();
        invoice.Total = generated.Totales.ImporteTotal;
        invoice.GeneratedXml = Encoding.UTF8.GetString(generated.Xml);
    }

    private void EnsureSchemas()
    {
        var folder = Path.GetFullPath(options.Value.SchemaDirectory);
        if (!File.Exists(Path.Combine(folder, SriSchemaOptions.ArchivoFactura)) || !File.Exists(Path.Combine(folder, SriSchemaOptions.ArchivoXmldsig)))
        {
            throw new InvoicingNotReadyException(
                $"Faltan los esquemas del SRI en «{folder}»: descargue factura_V1.1.0.xsd y xmldsig-core-schema.xsd del portal del SRI " +
                "(Facturación electrónica → Esquemas XSD) y colóquelos allí, o indique la carpeta en Sri:SchemaDirectory.");
        }
    }

    /// <summary>Creates the counter row outside the numbering transaction, so two first invoices cannot both insert it.</summary>
    private async Task EnsureSequenceAsync(InvoicingSettings s, CancellationToken cancellationToken)
    {
        if (await db.InvoiceSequences.AnyAsync(q => q.Environment == s.Environment && q.Establishment == s.Establishment && q.EmissionPoint == s.EmissionPoint, cancellationToken))
        {
            return;
        }

        db.InvoiceSequences.Add(new InvoiceSequence { Environment = s.Environment, Establishment = s.Establishment, EmissionPoint = s.EmissionPoint, Next = 1 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Created meanwhile by a concurrent request: that is all this step needs.
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// One atomic increment inside the caller's transaction: the row stays locked (PostgreSQL) or the database
    /// write-locked (SQLite) until commit, so concurrent invoices get consecutive numbers and a rollback returns the number.
    /// </summary>
    private async Task<long> TakeSequentialAsync(InvoicingSettings s, CancellationToken cancellationToken)
    {
        var counter = db.InvoiceSequences.Where(q => q.Environment == s.Environment && q.Establishment == s.Establishment && q.EmissionPoint == s.EmissionPoint);
        await counter.ExecuteUpdateAsync(u => u.SetProperty(q => q.Next, q => q.Next + 1), cancellationToken);
        return await counter.Select(q => q.Next).SingleAsync(cancellationToken) - 1;
    }

    private Task<Invoice?> FindByKeyAsync(string key, string hash, CancellationToken cancellationToken) =>
        Idempotency.FindAsync(db.Invoices, key, hash, i => new InvoiceIdempotencyConflictException(key, i.Id), cancellationToken);

    private static InvoiceValidationException Invalid(Dictionary<string, List<string>> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    private static string HashOf(InvoiceRequest request) => Idempotency.HashOf(request);
}

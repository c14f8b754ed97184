using System.Globalization;
using System.Text;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>
/// Records a nota de crédito for an authorised factura in <c>generada</c>: checks what remains of the factura after its
/// earlier notes, takes the note's own secuencial and stores the schema-valid XML, all in one transaction; the factura's
/// row is locked first (PostgreSQL) or the database is write-locked (SQLite), so two notes at once cannot together credit
/// more than the factura. Signing, the SRI and the mail follow in <see cref="InvoiceProcessor"/>, as for a factura.
/// </summary>
public sealed class CreditNoteService(
    CarteroDbContext db,
    InvoicingSettingsService settings,
    Points.IssuingPointService points,
    SriSchemaValidator schemas,
    IOptions<SriOptions> options,
    InvoiceStateMachine machine,
    [FromKeyedServices(InvoicingModule.WorkSignalKey)] Platform.WorkSignal signal,
    TimeProvider time)
{

    /// <summary>The new note (or the one a repeated idempotency key created), or null when there is no such factura.</summary>
    /// <exception cref="InvoiceValidationException">Field problems; nothing stored.</exception>
    /// <exception cref="InvoiceStateConflictException">The factura is not authorised.</exception>
    /// <exception cref="CreditNoteExceedsInvoiceException">More than what remains; nothing stored.</exception>
    /// <exception cref="InvoicingNotReadyException">Settings, certificate or schemas missing.</exception>
    /// <exception cref="InvoiceIdempotencyConflictException">The key was used for another request.</exception>
    public async Task<(CreditNote Note, decimal Remaining, bool Replayed)?> CreateAsync(Guid invoiceId, CreditNoteRequest request, RequestActor actor, CancellationToken cancellationToken)
    {
        if (Sending.Enqueue.EmailRequestValidator.IdempotencyKeyProblem(request.IdempotencyKey) is { } keyProblem)
        {
            throw Invalid(new() { ["idempotencyKey"] = [keyProblem] });
        }

        var hash = request.IdempotencyKey is null ? null : HashOf(invoiceId, request);
        if (request.IdempotencyKey is { } key && await FindByKeyAsync(key, hash!, cancellationToken) is { } existing)
        {
            return (existing, await CreditNoteLedger.RemainingAsync(db, existing.InvoiceId, cancellationToken), true);
        }

        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        if (invoice.Status != InvoiceStatus.Autorizada)
        {
            throw new InvoiceStateConflictException("No se puede emitir la nota de crédito",
                $"La factura {invoice.Number} está «{invoice.Status.ToCode()}»: una nota de crédito solo modifica una factura autorizada por el SRI.", invoice.Status);
        }

        var current = await settings.RequireAsync(cancellationToken);
        settings.EnsureCanSign(current);
        EnsureSchemas();
        // The note is issued where the factura was: its establecimiento's address on the XML and RIDE, the numbering of
        // that punto de emisión's own series of notas de crédito, whatever the default punto is now, and the factura's
        // ambiente: a factura of pruebas exists only at the SRI's test service, so a note modifying it after the shop moved
        // to producción goes there too (and numbers in the pruebas series), never to producción pointing at nothing.
        var s = await points.IssuedFromAsync(current, invoice.Environment, invoice.Establishment, invoice.EmissionPoint, cancellationToken);
        var factura = FacturaOf(invoice);
        var errors = new Dictionary<string, List<string>>();
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors["reason"] = ["Indique el motivo de la nota de crédito (por ejemplo «Devolución de mercadería»)."];
        }

        var asked = ReadLines(request, factura, errors);
        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }

        await EnsureSequenceAsync(s, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Engine == DatabaseEngine.Postgres)
        {
            // Every note of this factura waits here for the one before it to commit or roll back, so each one reads
            // the earlier notes as they finally are. On SQLite the numbering update below already write-locks the database.
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM factura WHERE id = {invoiceId} FOR UPDATE", cancellationToken);
        }

        var sequential = await TakeSequentialAsync(s, cancellationToken);
        var ledger = await CreditNoteLedger.ReadAsync(db, invoiceId, cancellationToken);
        var detalles = new List<(int Line, DetalleFactura Detalle)>();
        var wanted = asked ?? [.. Enumerable.Range(1, factura.Detalles.Count).Select(n => (Line: n, Quantity: (decimal?)null))];
        foreach (var (line, quantity) in wanted)
        {
            var sold = factura.Detalles[line - 1];
            var remainingQuantity = sold.Cantidad - ledger.QuantityOf(line);
            var take = quantity ?? remainingQuantity;
            if (take <= 0 && quantity is null)
            {
                continue;
            }

            if (take > remainingQuantity)
            {
                throw new CreditNoteExceedsInvoiceException(
                    $"De la línea {line} («{sold.Descripcion}») la factura {invoice.Number} vendió {Amount(sold.Cantidad)} y quedan {Amount(remainingQuantity)} por acreditar; " +
                    $"pidió {Amount(take)}. Quedan {Money(invoice.Total - ledger.Total)} por acreditar de la factura.", invoice.Total - ledger.Total);
            }

            // The last of a line takes exactly the discount left, so crediting a line in parts never gives back more than it had.
            var discount = take == remainingQuantity
                ? sold.Descuento - ledger.DiscountOf(line)
                : FacturaCalculadora.Redondear(sold.Descuento * take / sold.Cantidad);
            detalles.Add((line, sold with { Cantidad = take, Descuento = discount }));
        }

        if (detalles.Count == 0)
        {
            throw new CreditNoteExceedsInvoiceException($"La factura {invoice.Number} ya está acreditada por completo: no queda nada por acreditar.", 0m);
        }

        var today = DateOnly.FromDateTime(EcuadorTime.ToLocal(time.GetUtcNow().UtcDateTime));
        var nota = new NotaCredito(InvoiceRequestMapper.ParseEnvironment(s.Environment), InvoiceRequestMapper.IssuerOf(s), s.Establishment, s.EmissionPoint,
            sequential, today < invoice.IssueDate ? invoice.IssueDate : today, factura.Comprador,
            new DocumentoModificado(TipoComprobante.Factura, invoice.Number, invoice.IssueDate), reason!, [.. detalles.Select(d => d.Detalle)])
        {
            CodigoNumerico = ClaveDeAcceso.GenerarCodigoNumerico(),
            InfoAdicional = string.IsNullOrWhiteSpace(invoice.BuyerEmail) ? [] : [new CampoAdicional("Email", invoice.BuyerEmail)],
        };
        var generated = GenerateValid(nota);
        var remaining = invoice.Total - ledger.Total - generated.ValorModificacion;
        if (remaining < 0)
        {
            throw new CreditNoteExceedsInvoiceException(
                $"La nota de crédito sumaría {Money(generated.ValorModificacion)} y de la factura {invoice.Number} (total {Money(invoice.Total)}) " +
                $"quedan {Money(invoice.Total - ledger.Total)} por acreditar. Reduzca las cantidades.", invoice.Total - ledger.Total);
        }

        var now = time.GetUtcNow();
        var note = new CreditNote
        {
            Id = Guid.CreateVersion7(now),
            InvoiceId = invoice.Id,
            CreatedAt = now.UtcDateTime,
            Environment = s.Environment,
            Establishment = s.Establishment,
            EmissionPoint = s.EmissionPoint,
            Sequential = sequential,
            AccessKey = generated.ClaveDeAcceso.Valor,
            IssueDate = nota.FechaEmision,
            IssuerRuc = s.Ruc,
            IssuerName = s.BusinessName,
            BuyerIdType = invoice.BuyerIdType,
            BuyerId = invoice.BuyerId,
            BuyerName = invoice.BuyerName,
            BuyerEmail = invoice.BuyerEmail,
            CustomerId = invoice.CustomerId,
            InvoiceNumber = invoice.Number,
            Reason = reason!,
            Subtotal = generated.Totales.TotalSinImpuestos,
            Total = generated.ValorModificacion,
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = hash,
            OriginatedBy = actor.Name,
            GeneratedXml = Encoding.UTF8.GetString(generated.Xml),
            NextAttemptAt = now.UtcDateTime,
            Lines = [.. detalles.Select((d, i) => new CreditNoteLine
            {
                InvoiceLine = d.Line,
                Code = d.Detalle.CodigoPrincipal,
                Description = d.Detalle.Descripcion,
                Quantity = d.Detalle.Cantidad,
                UnitPrice = d.Detalle.PrecioUnitario,
                Discount = d.Detalle.Descuento,
                Subtotal = generated.Totales.Lineas[i].PrecioTotalSinImpuesto,
            })],
        };
        machine.Start(note, actor.Name,
            $"Nota de crédito {note.Number} por {Money(note.Total)} de la factura {invoice.Number} generada y validada contra el esquema NotaCredito 1.1.0 " +
            $"(solicitada por {actor.Name}). Motivo: {note.Reason}");
        db.CreditNotes.Add(note);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException) when (request.IdempotencyKey is { } raced)
        {
            await tx.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (await FindByKeyAsync(raced, hash!, cancellationToken) is { } winner)
            {
                return (winner, await CreditNoteLedger.RemainingAsync(db, winner.InvoiceId, cancellationToken), true);
            }

            throw;
        }

        signal.Notify();
        return (note, remaining, false);
    }

    /// <summary>The factura as it was authorised (its lines, buyer and taxes), read back from its XML.</summary>
    internal static Factura FacturaOf(Invoice invoice)
    {
        var leida = FacturaXmlReader.Leer(Encoding.UTF8.GetBytes(invoice.SignedXml ?? invoice.GeneratedXml));
        return leida.Factura;
    }

    private static List<(int Line, decimal? Quantity)>? ReadLines(CreditNoteRequest request, Factura factura, Dictionary<string, List<string>> errors)
    {
        if (request.Lines is not { Count: > 0 } lines)
        {
            return null;
        }

        var result = new List<(int, decimal?)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var field = $"lines[{i}]";
            if (lines[i] is not { } l)
            {
                errors[field] = ["Falta la línea."];
                continue;
            }

            if (l.Line is not { } n || n < 1 || n > factura.Detalles.Count)
            {
                errors[field + ".line"] = [$"Indique una línea de la factura entre 1 y {factura.Detalles.Count}."];
                continue;
            }

            if (result.Any(r => r.Item1 == n))
            {
                errors[field + ".line"] = [$"La línea {n} está repetida; indíquela una sola vez con la cantidad total."];
                continue;
            }

            if (l.Quantity is not { } q || q <= 0 || Math.Round(q, 6) != q)
            {
                errors[field + ".quantity"] = ["Indique una cantidad mayor que cero, con hasta 6 decimales."];
                continue;
            }

            result.Add((n, q));
        }

        return result;
    }

    private NotaCreditoGenerada GenerateValid(NotaCredito nota)
    {
        NotaCreditoGenerada generated;
        try
        {
            generated = NotaCreditoXmlWriter.Generar(nota);
        }
        catch (NotaCreditoInvalidaException ex)
        {
            throw Invalid(ex.Problemas.GroupBy(p => p.Campo == "infoNotaCredito/motivo" ? "reason" : p.Campo)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Mensaje).ToList()));
        }

        var schema = schemas.ValidarNotaCredito(generated.Xml);
        return schema.EsValido
            ? generated
            : throw Invalid(new() { ["xml"] = [.. schema.Errores.Select(e => e.ToString())] });
    }

    private void EnsureSchemas()
    {
        var folder = Path.GetFullPath(options.Value.SchemaDirectory);
        if (!File.Exists(Path.Combine(folder, SriSchemaOptions.ArchivoNotaCredito)) || !File.Exists(Path.Combine(folder, SriSchemaOptions.ArchivoXmldsig)))
        {
            throw new InvoicingNotReadyException(
                $"Faltan los esquemas del SRI en «{folder}»: descargue NotaCredito_V1.1.0.xsd y xmldsig-core-schema.xsd del portal del SRI " +
                "(Facturación electrónica → Esquemas XSD) y colóquelos allí, o indique la carpeta en Sri:SchemaDirectory.");
        }
    }

    private async Task EnsureSequenceAsync(InvoicingSettings s, CancellationToken cancellationToken)
    {
        if (await db.CreditNoteSequences.AnyAsync(q => q.Environment == s.Environment && q.Establishment == s.Establishment && q.EmissionPoint == s.EmissionPoint, cancellationToken))
        {
            return;
        }

        db.CreditNoteSequences.Add(new CreditNoteSequence { Environment = s.Environment, Establishment = s.Establishment, EmissionPoint = s.EmissionPoint, Next = 1 });
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

    /// <summary>One atomic increment inside the caller's transaction, as for facturas: no number reused, none skipped.</summary>
    private async Task<long> TakeSequentialAsync(InvoicingSettings s, CancellationToken cancellationToken)
    {
        var counter = db.CreditNoteSequences.Where(q => q.Environment == s.Environment && q.Establishment == s.Establishment && q.EmissionPoint == s.EmissionPoint);
        await counter.ExecuteUpdateAsync(u => u.SetProperty(q => q.Next, q => q.Next + 1), cancellationToken);
        return await counter.Select(q => q.Next).SingleAsync(cancellationToken) - 1;
    }

    private Task<CreditNote?> FindByKeyAsync(string key, string hash, CancellationToken cancellationToken) =>
        Idempotency.FindAsync(db.CreditNotes.Include(n => n.Lines), key, hash, n => new InvoiceIdempotencyConflictException(key, n.Id), cancellationToken);

    private static InvoiceValidationException Invalid(Dictionary<string, List<string>> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    private static string HashOf(Guid invoiceId, CreditNoteRequest request) => Idempotency.HashOf(new { invoiceId, request });

    internal static string Money(decimal value) => value.ToString("C2", EcuadorTime.Culture);

    private static string Amount(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

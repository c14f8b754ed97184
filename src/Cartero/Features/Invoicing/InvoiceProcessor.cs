using System.Text;
using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Cartero.Platform.Web;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Invoicing;

/// <summary>
/// Moves one invoice as far as it can go now: sign, hand to recepción, ask for the autorización, mail it. Each step
/// is saved before the next, so a crash resumes where it stopped; a transient SRI failure schedules the same step
/// again with backoff, and a rejection stops with the SRI's messages kept.
/// </summary>
public sealed class InvoiceProcessor(
    CarteroDbContext db,
    InvoicingSettingsService settings,
    SriClientFactory clients,
    InvoiceMailer mailer,
    InvoiceStateMachine machine,
    IOptions<SriOptions> options,
    IOptions<InvoiceWatchOptions> watch,
    TimeProvider time)
{
    /// <summary>Processes the invoice the caller holds the lease of, then releases the lease.</summary>
    public async Task ProcessAsync(Guid invoiceId, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null)
        {
            return;
        }

        await RunAsync(invoice, cancellationToken);
    }

    /// <summary>Processes the nota de crédito the caller holds the lease of, with the same steps as a factura.</summary>
    public async Task ProcessCreditNoteAsync(Guid creditNoteId, CancellationToken cancellationToken)
    {
        var note = await db.CreditNotes.FirstOrDefaultAsync(n => n.Id == creditNoteId, cancellationToken);
        if (note is not null)
        {
            await RunAsync(note, cancellationToken);
        }
    }

    private async Task RunAsync(ISriDocument invoice, CancellationToken cancellationToken)
    {
        while (await StepAsync(invoice, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        invoice.LeaseOwner = null;
        invoice.LeaseExpiresAt = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One step; true when the next one can follow at once.</summary>
    private async Task<bool> StepAsync(ISriDocument invoice, CancellationToken cancellationToken)
    {
        switch (invoice.Status)
        {
            case InvoiceStatus.Generada:
                return await SignAsync(invoice, cancellationToken);
            case InvoiceStatus.Firmada:
                machine.Transition(invoice, InvoiceStatus.EnviadaSri, "Enviada a recepción del SRI (validarComprobante).", InvoicingModule.ProcessName);
                return true;
            case InvoiceStatus.EnviadaSri:
                return await SendAsync(invoice, cancellationToken);
            case InvoiceStatus.Recibida:
                return await AuthorizeAsync(invoice, cancellationToken);
            case InvoiceStatus.Autorizada when invoice.MailStatus == InvoiceMailStatus.Pendiente:
                var (status, emailId, detail) = await mailer.DeliverAsync(invoice, cancellationToken);
                invoice.MailStatus = status;
                invoice.EmailId = emailId;
                invoice.NextAttemptAt = null;
                machine.Note(invoice, detail, InvoicingModule.ProcessName);
                return false;
            default:
                invoice.NextAttemptAt = null;
                return false;
        }
    }

    private async Task<bool> SignAsync(ISriDocument invoice, CancellationToken cancellationToken)
    {
        if (LateProblem(invoice) is { } late)
        {
            StopLate(invoice, late);
            return false;
        }

        try
        {
            var s = await settings.RequireAsync(cancellationToken);
            using var certificate = settings.OpenCertificate(s);
            var signed = new FirmadorXades(certificate, time).Firmar(Encoding.UTF8.GetBytes(invoice.GeneratedXml));
            invoice.SignedXml = Encoding.UTF8.GetString(signed);
            invoice.LastError = null;
            machine.Transition(invoice, InvoiceStatus.Firmada,
                $"Firmada con XAdES-BES; certificado de {certificate.Sujeto}, vigente hasta {certificate.NoValidoDespues:yyyy-MM-dd}.", InvoicingModule.ProcessName);
            return true;
        }
        catch (Exception ex) when (ex is InvoicingNotReadyException or CertificadoInvalidoException or SecretKeyException)
        {
            Wait(invoice, "No se pudo firmar: " + ex.Message, options.Value.MaxRetryDelay);
            return false;
        }
    }

    private async Task<bool> SendAsync(ISriDocument invoice, CancellationToken cancellationToken)
    {
        var client = clients.Create(InvoiceRequestMapper.ParseEnvironment(invoice.Environment));
        invoice.SriAttempts++;
        var answer = await client.EnviarAsync(Encoding.UTF8.GetBytes(invoice.SignedXml!), cancellationToken);
        var messages = Messages(answer.Mensajes);
        switch (answer.Estado)
        {
            case EstadoRecepcion.Recibida:
                return Received(invoice, "RECIBIDA por el SRI.", messages);
            case EstadoRecepcion.Devuelta when answer.Mensajes.Any(m => m.Codigo is CodigoMensajeSri.ClaveAccesoRegistrada or CodigoMensajeSri.ClaveEnProcesamiento):
                // Already with the SRI (an earlier send whose answer was lost): never a new clave, ask for the autorización.
                return Received(invoice, "DEVUELTA porque el SRI ya tiene esta clave de acceso; se consulta la autorización sin reenviar.", messages);
            case EstadoRecepcion.Devuelta:
                Refused(invoice, InvoiceStatus.Devuelta, "DEVUELTA", messages, answer.Mensajes);
                return false;
            default:
                Wait(invoice, "El SRI no recibió la factura: " + answer.DetalleTransitorio, Backoff(invoice.SriAttempts));
                return false;
        }
    }

    /// <summary>
    /// The SRI refused the invoice: it stops with the SRI's messages until corrected (then goes again with the same clave) or,
    /// for a code a correction cannot fix, until it is issued again under a new secuencial.
    /// </summary>
    private void Refused(ISriDocument invoice, InvoiceStatus status, string verdict, string? messages, IReadOnlyList<MensajeSri> answer)
    {
        invoice.LastError = $"{verdict}: {messages}";
        invoice.NextAttemptAt = null;
        var reissue = !InvoiceCorrection.CanResendWithSameKey(answer);
        if (invoice is Invoice factura)
        {
            factura.RequiresReissue = reissue;
        }

        machine.Transition(invoice, status,
            invoice is CreditNotes.CreditNote ? CreditNotes.CreditNoteClosing.Advice(verdict, reissue) : InvoiceCorrection.Advice(verdict, reissue),
            InvoicingModule.ProcessName, messages);
    }

    /// <summary>
    /// The date is checked again right before signing: an invoice that waited unsigned (certificate missing, processor
    /// stopped) past the SRI's window would only meet error 65 at recepción, and a clock set back would sign a future date.
    /// </summary>
    private string? LateProblem(ISriDocument invoice)
    {
        var today = DateOnly.FromDateTime(EcuadorTime.ToLocal(time.GetUtcNow().UtcDateTime));
        return IssueDateRule.Problem(invoice.IssueDate, today, watch.Value.MaxIssueDateAgeDays);
    }

    /// <summary>Never signed nor sent: it stops as devuelta by Cartero, and the panel and API offer «emitir de nuevo».</summary>
    private void StopLate(ISriDocument invoice, string problem)
    {
        invoice.LastError = StoppedBeforeSigning + problem;
        invoice.NextAttemptAt = null;
        machine.Transition(invoice, InvoiceStatus.Devuelta, invoice is CreditNotes.CreditNote
            ? $"{StoppedEventDetail} (no llegó al SRI). {problem} No la corrija con la misma clave de acceso, que lleva la fecha: " +
              "abandónela (lo que acreditaba de la factura queda libre) y emita una nota de crédito nueva desde la factura, con la fecha de hoy."
            : $"{StoppedEventDetail} (no llegó al SRI). {problem} No la corrija con la misma clave de acceso, que lleva la fecha: " +
              "use «emitir de nuevo», que crea una factura nueva con otro secuencial y la fecha de hoy y cierra esta como abandonada.",
            InvoicingModule.ProcessName);
    }

    /// <summary>How the history event of that stop starts, so the history does not call it "devuelta por el SRI".</summary>
    public const string StoppedEventDetail = "Detenida por Cartero antes de firmar";

    /// <summary>How <see cref="ISriDocument.LastError"/> starts when Cartero, not the SRI, stopped the comprobante.</summary>
    public const string StoppedBeforeSigning = "No se firmó ni se envió al SRI: ";

    private bool Received(ISriDocument invoice, string detail, string? messages)
    {
        invoice.SriAttempts = 0;
        invoice.LastError = null;
        machine.Transition(invoice, InvoiceStatus.Recibida, detail, InvoicingModule.ProcessName, messages);
        var first = options.Value.AuthorizationFirstDelay;
        invoice.NextAttemptAt = time.GetUtcNow().UtcDateTime + first;
        return first <= TimeSpan.Zero;
    }

    private async Task<bool> AuthorizeAsync(ISriDocument invoice, CancellationToken cancellationToken)
    {
        var client = clients.Create(InvoiceRequestMapper.ParseEnvironment(invoice.Environment));
        invoice.SriAttempts++;
        var answer = await client.ConsultarAutorizacionAsync(invoice.AccessKey, cancellationToken);
        var messages = Messages(answer.Mensajes);
        switch (answer.Estado)
        {
            case EstadoAutorizacion.Autorizado:
                invoice.AuthorizedXml = answer.XmlAutorizado is null ? answer.Comprobante : Encoding.UTF8.GetString(answer.XmlAutorizado);
                invoice.AuthorizationNumber = answer.NumeroAutorizacion ?? invoice.AccessKey;
                invoice.AuthorizedAt = (answer.FechaAutorizacion ?? time.GetUtcNow()).UtcDateTime;
                invoice.LastError = null;
                invoice.SriAttempts = 0;
                machine.Transition(invoice, InvoiceStatus.Autorizada,
                    $"AUTORIZADO por el SRI: número de autorización {invoice.AuthorizationNumber}, ambiente {answer.Ambiente ?? invoice.Environment}.", InvoicingModule.ProcessName, messages);
                return true;
            case EstadoAutorizacion.NoAutorizado:
                Refused(invoice, InvoiceStatus.NoAutorizada, "NO AUTORIZADO", messages, answer.Mensajes);
                return false;
            case EstadoAutorizacion.EnProceso:
                var later = Backoff(invoice.SriAttempts);
                invoice.NextAttemptAt = time.GetUtcNow().UtcDateTime + later;
                machine.Note(invoice, $"El SRI aún procesa el comprobante; se consulta otra vez en {Describe(later)}.", InvoicingModule.ProcessName, messages);
                return false;
            default:
                Wait(invoice, "No se pudo consultar la autorización: " + answer.DetalleTransitorio, Backoff(invoice.SriAttempts));
                return false;
        }
    }

    /// <summary>Schedules the same step again; the history gets a line when the reason changes, not on every retry.</summary>
    private void Wait(ISriDocument invoice, string reason, TimeSpan delay)
    {
        if (invoice.LastError != reason)
        {
            machine.Note(invoice, $"{reason} Se reintenta en {Describe(delay)}.", InvoicingModule.ProcessName);
        }

        invoice.LastError = reason;
        invoice.NextAttemptAt = time.GetUtcNow().UtcDateTime + delay;
    }

    private TimeSpan Backoff(int attempt)
    {
        var o = options.Value;
        var first = o.AuthorizationFirstDelay > TimeSpan.Zero ? o.AuthorizationFirstDelay : TimeSpan.FromSeconds(1);
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        return TimeSpan.FromMilliseconds(Math.Min(first.TotalMilliseconds * factor, o.MaxRetryDelay.TotalMilliseconds));
    }

    private static string Describe(TimeSpan delay) =>
        delay.TotalMinutes >= 1 ? $"{delay.TotalMinutes:0.#} min" : $"{delay.TotalSeconds:0.#} s";

    private static string? Messages(IReadOnlyList<MensajeSri> messages) =>
        messages.Count == 0 ? null : string.Join("\n", messages.Select(m => m.ToString()));
}

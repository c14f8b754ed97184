using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Invoicing;

/// <summary>
/// Background loop over due invoices (<c>proximo_intento</c> reached). Each invoice is leased before it is worked on,
/// so several instances on one PostgreSQL database never process the same invoice twice.
/// </summary>
public sealed partial class InvoiceProcessingService(
    IServiceScopeFactory scopes,
    [FromKeyedServices(InvoicingModule.WorkSignalKey)] Platform.WorkSignal signal,
    IOptions<SriOptions> options,
    TimeProvider time,
    ILogger<InvoiceProcessingService> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ProcessorEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogLoopFailed(logger, ex);
            }

            if (!worked)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Processes every invoice due now; true when there was any.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            due = await db.Invoices
                .Where(i => i.NextAttemptAt != null && i.NextAttemptAt <= now && (i.LeaseExpiresAt == null || i.LeaseExpiresAt < now))
                .OrderBy(i => i.NextAttemptAt).Select(i => i.Id).Take(20).ToListAsync(cancellationToken);
        }

        foreach (var id in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            var until = now + Lease;
            var claimed = await db.Invoices
                .Where(i => i.Id == id && i.NextAttemptAt != null && (i.LeaseExpiresAt == null || i.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.LeaseOwner, _owner).SetProperty(i => i.LeaseExpiresAt, until), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            try
            {
                await scope.ServiceProvider.GetRequiredService<InvoiceProcessor>().ProcessAsync(id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Unexpected: keep the invoice, try again later, and let the log say why.
                LogInvoiceFailed(logger, id, ex);
                await using var retryScope = scopes.CreateAsyncScope();
                var retryDb = retryScope.ServiceProvider.GetRequiredService<CarteroDbContext>();
                var later = time.GetUtcNow().UtcDateTime + options.Value.MaxRetryDelay;
                var message = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                await retryDb.Invoices.Where(i => i.Id == id).ExecuteUpdateAsync(u => u
                    .SetProperty(i => i.LeaseOwner, (string?)null)
                    .SetProperty(i => i.LeaseExpiresAt, (DateTime?)null)
                    .SetProperty(i => i.NextAttemptAt, later)
                    .SetProperty(i => i.LastError, "Error inesperado al procesar la factura: " + message), CancellationToken.None);
            }
        }

        var notes = await RunCreditNotesOnceAsync(cancellationToken);
        return due.Count > 0 || notes;
    }

    /// <summary>The same loop over due notas de crédito: leased the same way, processed by the same <see cref="InvoiceProcessor"/>.</summary>
    private async Task<bool> RunCreditNotesOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            due = await db.CreditNotes
                .Where(n => n.NextAttemptAt != null && n.NextAttemptAt <= now && (n.LeaseExpiresAt == null || n.LeaseExpiresAt < now))
                .OrderBy(n => n.NextAttemptAt).Select(n => n.Id).Take(20).ToListAsync(cancellationToken);
        }

        foreach (var id in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            var until = now + Lease;
            var claimed = await db.CreditNotes
                .Where(n => n.Id == id && n.NextAttemptAt != null && (n.LeaseExpiresAt == null || n.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.LeaseOwner, _owner).SetProperty(n => n.LeaseExpiresAt, until), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            try
            {
                await scope.ServiceProvider.GetRequiredService<InvoiceProcessor>().ProcessCreditNoteAsync(id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCreditNoteFailed(logger, id, ex);
                await using var retryScope = scopes.CreateAsyncScope();
                var retryDb = retryScope.ServiceProvider.GetRequiredService<CarteroDbContext>();
                var later = time.GetUtcNow().UtcDateTime + options.Value.MaxRetryDelay;
                var message = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                await retryDb.CreditNotes.Where(n => n.Id == id).ExecuteUpdateAsync(u => u
                    .SetProperty(n => n.LeaseOwner, (string?)null)
                    .SetProperty(n => n.LeaseExpiresAt, (DateTime?)null)
                    .SetProperty(n => n.NextAttemptAt, later)
                    .SetProperty(n => n.LastError, "Error inesperado al procesar la nota de crédito: " + message), CancellationToken.None);
            }
        }

        return due.Count > 0;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "El procesamiento de facturas falló; se reintenta en el siguiente ciclo")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "No se pudo procesar la factura {InvoiceId}; se reintenta más tarde")]
    private static partial void LogInvoiceFailed(ILogger logger, Guid invoiceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "No se pudo procesar la nota de crédito {CreditNoteId}; se reintenta más tarde")]
    private static partial void LogCreditNoteFailed(ILogger logger, Guid creditNoteId, Exception exception);
}

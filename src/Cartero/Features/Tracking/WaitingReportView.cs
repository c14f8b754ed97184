using Cartero.Features.Sending;

namespace Cartero.Features.Tracking;

/// <summary>
/// One report kept in <c>log_envio_correo_reporte_en_espera</c>, as the tracking page lists it: what arrived and from
/// where, when, the email it waits for (its state, send attempts so far and next attempt) and when it will be dropped.
/// </summary>
public sealed record WaitingReportView(
    long Id,
    Guid EmailId,
    string ToAddress,
    string Kind,
    string? Source,
    string? ServerText,
    DateTime OccurredAt,
    DateTime ReceivedAt,
    EmailStatus EmailStatus,
    int EmailAttempts,
    DateTime? NextAttemptAt,
    DateTime DropAt);

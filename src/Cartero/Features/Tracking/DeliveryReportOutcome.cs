namespace Cartero.Features.Tracking;

/// <summary>What <see cref="DeliveryReportApplier"/> did with a report.</summary>
public enum DeliveryReportOutcome
{
    /// <summary>The email moved to a later state and the event was written.</summary>
    StateChanged,
    /// <summary>The event was written; the state stays (a soft bounce, a click, a late delivery, a repeated open).</summary>
    Recorded,
    /// <summary>The same report was applied before: nothing written.</summary>
    Duplicate,
    /// <summary>No email matches the report: nothing written.</summary>
    NotFound,
    /// <summary>The email is not sent yet (still queued or in a worker's hands): the report is kept in <c>log_envio_correo_reporte_en_espera</c> and applied once the email is sent.</summary>
    NotSentYet,
}

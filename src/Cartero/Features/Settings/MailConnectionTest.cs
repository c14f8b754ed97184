using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Sending.TestSend;
using Cartero.Platform.Auth;

namespace Cartero.Features.Settings;

/// <summary>"Probar envío": a <c>prueba</c> email sent now with the saved (or proposed) settings, explained and audited.</summary>
public sealed class MailConnectionTest(MailSettingsService settings, ITestMailSender sender, IAuditTrail audit)
{
    public async Task<(MailTestOutcome? Result, Dictionary<string, string[]> Errors)> RunAsync(MailSettingsTestRequest request, RequestActor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.To) || !EmailRequestValidator.IsValidAddress(request.To.Trim()))
        {
            errors["to"] = ["Indique una dirección válida a la que enviar la prueba."];
        }

        MailAccount? account = null;
        if (request.Settings is { } proposed)
        {
            var (preview, settingErrors) = await settings.PreviewAsync(proposed, cancellationToken);
            foreach (var (k, v) in settingErrors)
            {
                errors[$"settings.{k}"] = v;
            }

            account = preview;
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var destination = account is not null
            ? Destination(account.Provider, account.Host, account.Port, account.SendGridBaseUrl)
            : await settings.GetAsync(cancellationToken) is var saved ? Destination(saved.Provider, saved.Host, saved.Port, saved.SendGridBaseUrl) : null;
        var test = await sender.SendTestAsync(request.To!.Trim(), actor, account, cancellationToken);
        var r = test.Result;
        var outcome = new MailTestOutcome(test.EmailId, test.Status, r.Outcome.ToString(), r.Code, r.Detail, Explain(r));
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.TestMailSettings, request.To,
            new TestMailSettingsDetails(test.EmailId, destination, outcome.Outcome, r.Code, request.Settings is not null)), cancellationToken);
        return (outcome, errors);
    }

    /// <summary>Where the test went, for the audit row: the SMTP host and port, SendGrid's host, or the .eml folder.</summary>
    private static string Destination(string provider, string? host, int? port, string? sendGridBaseUrl) => provider switch
    {
        "smtp" => $"smtp {host}:{port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(puerto por omisión)"}",
        "sendgrid" => $"sendgrid {new Uri(sendGridBaseUrl ?? Providers.SendGrid.SendGridEmailProvider.DefaultBaseUrl).Host}",
        _ => "archivos .eml",
    };

    /// <summary>What a person should make of the provider's answer.</summary>
    public static string Explain(SendResult r) => (r.Outcome, r.Code) switch
    {
        (SendOutcome.Accepted, _) => "El proveedor aceptó el correo de prueba: la configuración funciona.",
        (SendOutcome.AccountFailure, 535 or 534 or 530) => $"El servidor rechazó la autenticación ({r.Code}): revise usuario y contraseña.",
        (SendOutcome.AccountFailure, 401) => "SendGrid no reconoce la clave de API (401): revise la clave.",
        (SendOutcome.AccountFailure, 403) => "SendGrid no permite este envío (403): revise los permisos de la clave y que el remitente esté verificado.",
        (SendOutcome.AccountFailure, _) when r.Detail.Contains("certificado", StringComparison.Ordinal) =>
            "El certificado del servidor no es de confianza: revise el servidor o registre la huella de su certificado autofirmado.",
        (SendOutcome.AccountFailure, _) => $"La cuenta no puede enviar: {r.Detail}",
        (SendOutcome.Transient, null) => "No se pudo conectar con el servidor: revise servidor, puerto y seguridad, y que el servidor esté en línea.",
        (SendOutcome.Transient, _) => $"El servidor pidió intentar más tarde ({r.Code}).",
        (SendOutcome.Permanent, _) => $"El servidor rechazó el correo ({r.Code}): revise la dirección de destino.",
        _ => r.Detail,
    };
}

using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Store;
using Cartero.Features.Templates;
using Cartero.Platform.Web;

namespace Cartero.Tests.Platform.Web;

/// <summary>Every stored code the panel shows has a Spanish label in the one catalogue; worker ids read as "Proceso de envío".</summary>
public sealed class CodeLabelsTests
{
    [Fact]
    public void Every_known_code_has_its_own_words()
    {
        Assert.Equal("En cola", CodeLabels.EmailState("en_cola"));
        Assert.Equal("Alerta de stock", CodeLabels.EmailType("alerta_stock"));
        Assert.All(EmailStatusCodes.All, c => Assert.DoesNotContain("_", CodeLabels.EmailState(c), StringComparison.Ordinal));
        Assert.Equal(
            ["Factura electrónica", "Comprobante de venta", "Alerta de stock", "Aviso de pedido", "Documento clínico", "Recuperación de contraseña", "Aviso administrativo", "Prueba de envío", "Nota de crédito"],
            FluidEmailTemplates.BuiltInTypes.Select(CodeLabels.EmailType));
        Assert.Equal(
            ["Generada", "Firmada", "Enviada al SRI", "Recibida por el SRI", "Devuelta por el SRI", "Autorizada", "No autorizada"],
            new[] { "generada", "firmada", "enviada_sri", "recibida", "devuelta", "autorizada", "no_autorizada" }.Select(CodeLabels.InvoiceState));
        Assert.All(InvoiceStatusCodes.All, c => Assert.DoesNotContain("_", CodeLabels.InvoiceState(c), StringComparison.Ordinal));
        Assert.All(LensOrderStatus.All, c => Assert.NotEqual(c, CodeLabels.LensOrderState(c)));
        Assert.All(new[] { InvoiceMailStatus.Pendiente, InvoiceMailStatus.Encolado, InvoiceMailStatus.SinCorreo, InvoiceMailStatus.Rechazado },
            c => Assert.NotEqual(Fallback(c), CodeLabels.InvoiceMailState(c)));
        Assert.All(new[] { EmailOrigin.Manual, EmailOrigin.Automatic, EmailOrigin.Api }, c => Assert.NotEqual(Fallback(c), CodeLabels.Origin(c)));
        Assert.Equal("Contenido depurado (retención)", CodeLabels.EventKind(EmailEventKinds.ContentPurged));
        // A type added as a template file is still readable.
        Assert.Equal("Cita de control", CodeLabels.EmailType("cita_de_control"));
    }

    [Fact]
    public void Worker_ids_read_as_the_sending_process_and_people_stay_themselves()
    {
        Assert.Equal(CodeLabels.Worker, CodeLabels.Actor("caja-1:4242:a1b2c3:2"));
        Assert.True(CodeLabels.IsWorker("caja-1:4242:a1b2c3:2"));
        Assert.Equal("Prueba de envío (soporte@optica.ec)", CodeLabels.Actor("prueba:soporte@optica.ec:0f1e2d"));
        Assert.Equal("Seguimiento (webhook del proveedor)", CodeLabels.Actor("seguimiento:webhook"));
        Assert.Equal("admin@optica.ec", CodeLabels.Actor("admin@optica.ec"));
        Assert.False(CodeLabels.IsWorker("admin@optica.ec"));
    }

    private static string Fallback(string code) => char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' ');
}

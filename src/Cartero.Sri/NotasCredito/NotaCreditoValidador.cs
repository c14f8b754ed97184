using System.Globalization;
using System.Text.RegularExpressions;

namespace Cartero.Sri;

/// <summary>
/// The rules the SRI applies to a nota de crédito beyond its XSD. The issuer, buyer, line and tax
/// rules are the factura's (<see cref="FacturaValidador"/>, reported with infoNotaCredito paths);
/// on top come the documento modificado, the motivo and a clave with codDoc 04.
/// </summary>
public static partial class NotaCreditoValidador
{
    /// <summary>Largest motivo, in characters (XSD).</summary>
    public const int LargoMaximoMotivo = 300;

    /// <summary>Checks a nota de crédito and returns every problem found (empty when it can be issued).</summary>
    public static IReadOnlyList<ProblemaFactura> Validar(NotaCredito notaCredito)
    {
        ArgumentNullException.ThrowIfNull(notaCredito);
        var p = new List<ProblemaFactura>();
        foreach (var problema in FacturaValidador.Validar(notaCredito.ComoFactura()))
        {
            // A nota de crédito carries no pagos; its amounts are checked below as valorModificacion.
            if (problema.Campo.StartsWith("infoFactura/pagos", StringComparison.Ordinal))
            {
                continue;
            }

            p.Add(new ProblemaFactura(
                problema.Campo.Replace("infoFactura/", "infoNotaCredito/", StringComparison.Ordinal),
                problema.Mensaje.Replace("La factura ", "La nota de crédito ", StringComparison.Ordinal)
                    .Replace("Una factura ", "Una nota de crédito ", StringComparison.Ordinal)
                    .Replace("divida la factura", "divida la nota de crédito", StringComparison.Ordinal)));
        }

        ValidarDocumentoModificado(notaCredito, p);
        var motivo = notaCredito.Motivo;
        if (string.IsNullOrWhiteSpace(motivo))
        {
            p.Add(new("infoNotaCredito/motivo", "Indique el motivo de la nota de crédito (por ejemplo «Devolución de mercadería»)."));
        }
        else if (motivo.Length > LargoMaximoMotivo)
        {
            p.Add(new("infoNotaCredito/motivo", $"El motivo tiene {motivo.Length} caracteres y el máximo es {LargoMaximoMotivo}."));
        }
        else if (motivo.Contains('\n', StringComparison.Ordinal) || motivo.Any(c => char.IsControl(c) && c != '\t'))
        {
            p.Add(new("infoNotaCredito/motivo", "El motivo debe ser una sola línea, sin saltos ni caracteres de control."));
        }

        ValidarClave(notaCredito, p);
        return p;
    }

    private static void ValidarDocumentoModificado(NotaCredito nc, List<ProblemaFactura> p)
    {
        var d = nc.DocumentoModificado;
        if (d is null)
        {
            p.Add(new("infoNotaCredito/numDocModificado", "Indique la factura que modifica la nota de crédito."));
            return;
        }

        if (!Enum.IsDefined(d.CodDocModificado) || d.CodDocModificado is TipoComprobante.NotaCredito or TipoComprobante.Retencion or TipoComprobante.GuiaRemision)
        {
            p.Add(new("infoNotaCredito/codDocModificado",
                $"El tipo de comprobante modificado {(int)d.CodDocModificado:00} no es válido: una nota de crédito modifica una factura (01), una liquidación de compra (03) o una nota de débito (05)."));
        }

        if (d.NumDocModificado is null || !NumeroDocumento().IsMatch(d.NumDocModificado))
        {
            p.Add(new("infoNotaCredito/numDocModificado",
                $"El número del comprobante modificado '{d.NumDocModificado}' debe tener la forma 001-001-000000123 (establecimiento, punto de emisión y secuencial de 9 dígitos)."));
        }

        if (d.FechaEmisionDocSustento.Year is < 2000 or > 2099)
        {
            p.Add(new("infoNotaCredito/fechaEmisionDocSustento", $"La fecha de emisión del comprobante modificado {Fecha(d.FechaEmisionDocSustento)} está fuera del rango admitido."));
        }
        else if (d.FechaEmisionDocSustento > nc.FechaEmision)
        {
            p.Add(new("infoNotaCredito/fechaEmisionDocSustento",
                $"El comprobante modificado es del {Fecha(d.FechaEmisionDocSustento)}, posterior a la nota de crédito del {Fecha(nc.FechaEmision)}: la nota de crédito no puede ser anterior a la factura."));
        }
    }

    private static void ValidarClave(NotaCredito nc, List<ProblemaFactura> p)
    {
        if (nc.ClaveAcceso is null)
        {
            return;
        }

        var resultado = ClaveDeAcceso.Validar(nc.ClaveAcceso);
        if (resultado.Clave is not { } clave)
        {
            p.AddRange(resultado.Errores.Select(e => new ProblemaFactura("infoTributaria/claveAcceso", e)));
            return;
        }

        // Error 58: the clave must agree with the document it identifies.
        void Distinto(string parte, string enClave, string enDocumento) =>
            p.Add(new("infoTributaria/claveAcceso", $"La clave de acceso no coincide con la nota de crédito: {parte} es {enClave} en la clave y {enDocumento} en el documento."));

        if (clave.TipoComprobante != TipoComprobante.NotaCredito)
        {
            Distinto("el tipo de comprobante", ((int)clave.TipoComprobante).ToString("00", CultureInfo.InvariantCulture), "04");
        }

        if (clave.FechaEmision != nc.FechaEmision)
        {
            Distinto("la fecha de emisión", Fecha(clave.FechaEmision), Fecha(nc.FechaEmision));
        }

        if (nc.Emisor is not null && clave.Ruc != nc.Emisor.Ruc)
        {
            Distinto("el RUC", clave.Ruc, nc.Emisor.Ruc);
        }

        if (clave.Ambiente != nc.Ambiente)
        {
            Distinto("el ambiente", ((int)clave.Ambiente).ToString(CultureInfo.InvariantCulture), ((int)nc.Ambiente).ToString(CultureInfo.InvariantCulture));
        }

        if (clave.Establecimiento != nc.Establecimiento)
        {
            Distinto("el establecimiento", clave.Establecimiento, nc.Establecimiento);
        }

        if (clave.PuntoEmision != nc.PuntoEmision)
        {
            Distinto("el punto de emisión", clave.PuntoEmision, nc.PuntoEmision);
        }

        if (long.Parse(clave.Secuencial, CultureInfo.InvariantCulture) != nc.Secuencial)
        {
            Distinto("el secuencial", clave.Secuencial, nc.Secuencial.ToString("000000000", CultureInfo.InvariantCulture));
        }
    }

    private static string Fecha(DateOnly fecha) => fecha.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[0-9]{3}-[0-9]{3}-[0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumeroDocumento();
}

using System.Globalization;

namespace Cartero.Sri;

/// <summary>
/// The rules the SRI applies beyond the XSD (catalogues, arithmetic, consumidor final limit,
/// clave consistency), so that a factura is refused here instead of DEVUELTA later.
/// </summary>
public static class FacturaValidador
{
    /// <summary>Largest importeTotal allowed for consumidor final (Ficha §9.10).</summary>
    public const decimal LimiteConsumidorFinal = 50m;

    /// <summary>Largest document the SRI accepts, in bytes (320 KB, Ficha §7.5).</summary>
    public const int TamanoMaximoBytes = 320 * 1024;

    /// <summary>Amounts have at most 14 digits, 2 of them decimals (XSD totalDigits 14).</summary>
    public const decimal ImporteMaximo = 1_000_000_000_000m;

    /// <summary>Largest number of infoAdicional fields.</summary>
    public const int MaximoCamposAdicionales = 15;

    /// <summary>Checks a factura and returns every problem found (empty when it can be issued).</summary>
    public static IReadOnlyList<ProblemaFactura> Validar(Factura factura)
    {
        ArgumentNullException.ThrowIfNull(factura);
        var p = new List<ProblemaFactura>();
        ValidarEmisor(factura, p);
        ValidarComprador(factura.Comprador, p);
        ValidarDetalles(factura, p);

        if (!Enum.IsDefined(factura.Ambiente))
        {
            p.Add(new("infoTributaria/ambiente", $"El ambiente {(int)factura.Ambiente} no es válido (1 pruebas, 2 producción)."));
        }

        if (!ClaveDeAcceso.SonDigitos(factura.Establecimiento, 3))
        {
            p.Add(new("infoTributaria/estab", $"El establecimiento '{factura.Establecimiento}' debe tener 3 dígitos."));
        }

        if (!ClaveDeAcceso.SonDigitos(factura.PuntoEmision, 3))
        {
            p.Add(new("infoTributaria/ptoEmi", $"El punto de emisión '{factura.PuntoEmision}' debe tener 3 dígitos."));
        }

        if (factura.Secuencial is < 1 or > 999_999_999)
        {
            p.Add(new("infoTributaria/secuencial", $"El secuencial {factura.Secuencial} debe estar entre 1 y 999999999."));
        }

        if (factura.FechaEmision.Year is < 2000 or > 2099)
        {
            p.Add(new("infoFactura/fechaEmision", $"La fecha de emisión {factura.FechaEmision:dd/MM/yyyy} está fuera del rango admitido."));
        }

        ValidarClave(factura, p);
        Texto(p, "infoFactura/moneda", factura.Moneda, 15, obligatorio: false);
        Decimales(p, "infoFactura/propina", factura.Propina, 2);

        ValidarTotalesYPagos(factura, p);

        if (factura.InfoAdicional.Count > MaximoCamposAdicionales)
        {
            p.Add(new("infoAdicional", $"Hay {factura.InfoAdicional.Count} campos adicionales y el máximo es {MaximoCamposAdicionales}."));
        }

        for (var i = 0; i < factura.InfoAdicional.Count; i++)
        {
            var campo = factura.InfoAdicional[i];
            Texto(p, $"infoAdicional/campoAdicional[{i + 1}]/@nombre", campo.Nombre, 300, obligatorio: true, permiteSaltos: true);
            Texto(p, $"infoAdicional/campoAdicional[{i + 1}]", campo.Valor, 300, obligatorio: true, permiteSaltos: true);
        }

        return p;
    }

    /// <summary>
    /// Compares the totals declared in a document with the ones computed from its lines; each
    /// difference is what the SRI reports as error 52. A tax group's valor is accepted either
    /// rounded over the group's base or as the sum of its rounded line values (both are in use),
    /// and importeTotal must equal the declared totalSinImpuestos plus the declared tax values and
    /// propina. Differences up to <paramref name="tolerancia"/> are not reported.
    /// </summary>
    public static IReadOnlyList<ProblemaFactura> CompararTotales(TotalesFactura declarados, TotalesFactura calculados, decimal tolerancia = 0m)
    {
        ArgumentNullException.ThrowIfNull(declarados);
        ArgumentNullException.ThrowIfNull(calculados);
        var p = new List<ProblemaFactura>();
        void Igual(string campo, decimal declarado, params decimal[] aceptados)
        {
            if (!aceptados.Any(a => Math.Abs(declarado - a) <= tolerancia))
            {
                p.Add(new(campo, $"Error en diferencias: el documento dice {Formato(declarado)} y el cálculo da {Formato(aceptados[0])}."));
            }
        }

        for (var i = 0; i < Math.Min(declarados.Lineas.Count, calculados.Lineas.Count); i++)
        {
            var d = declarados.Lineas[i];
            var c = calculados.Lineas[i];
            Igual($"detalles/detalle[{i + 1}]/precioTotalSinImpuesto", d.PrecioTotalSinImpuesto, c.PrecioTotalSinImpuesto);
            for (var j = 0; j < Math.Min(d.Impuestos.Count, c.Impuestos.Count); j++)
            {
                Igual($"detalles/detalle[{i + 1}]/impuestos/impuesto[{j + 1}]/baseImponible", d.Impuestos[j].BaseImponible, c.Impuestos[j].BaseImponible);
                Igual($"detalles/detalle[{i + 1}]/impuestos/impuesto[{j + 1}]/valor", d.Impuestos[j].Valor, c.Impuestos[j].Valor);
            }
        }

        Igual("infoFactura/totalSinImpuestos", declarados.TotalSinImpuestos, calculados.TotalSinImpuestos);
        Igual("infoFactura/totalDescuento", declarados.TotalDescuento, calculados.TotalDescuento);
        foreach (var c in calculados.TotalConImpuestos)
        {
            var d = declarados.TotalConImpuestos.FirstOrDefault(t => t.Codigo == c.Codigo && t.CodigoPorcentaje == c.CodigoPorcentaje);
            var campo = $"infoFactura/totalConImpuestos/totalImpuesto[codigo={c.Codigo}, codigoPorcentaje={c.CodigoPorcentaje}]";
            if (d is null)
            {
                p.Add(new(campo, "Falta el total de este impuesto, que sí aparece en los detalles."));
                continue;
            }

            var sumaLineas = calculados.Lineas.SelectMany(l => l.Impuestos)
                .Where(x => x.Codigo == c.Codigo && x.CodigoPorcentaje == c.CodigoPorcentaje).Sum(x => x.Valor);
            Igual(campo + "/baseImponible", d.BaseImponible, c.BaseImponible);
            Igual(campo + "/valor", d.Valor, c.Valor, sumaLineas);
        }

        foreach (var d in declarados.TotalConImpuestos.Where(d => !calculados.TotalConImpuestos.Any(c => c.Codigo == d.Codigo && c.CodigoPorcentaje == d.CodigoPorcentaje)))
        {
            p.Add(new($"infoFactura/totalConImpuestos/totalImpuesto[codigo={d.Codigo}, codigoPorcentaje={d.CodigoPorcentaje}]",
                "Este impuesto no aparece en ningún detalle."));
        }

        Igual("infoFactura/importeTotal", declarados.ImporteTotal,
            declarados.TotalSinImpuestos + declarados.TotalConImpuestos.Sum(t => t.Valor) + declarados.Propina);
        return p;
    }

    private static void ValidarEmisor(Factura factura, List<ProblemaFactura> p)
    {
        var e = factura.Emisor;
        if (e is null)
        {
            p.Add(new("infoTributaria", "Falta el emisor."));
            return;
        }

        var errorRuc = ClaveDeAcceso.ErrorRuc(e.Ruc ?? "");
        if (errorRuc is not null)
        {
            p.Add(new("infoTributaria/ruc", errorRuc));
        }

        Texto(p, "infoTributaria/razonSocial", e.RazonSocial, 300, obligatorio: true);
        Texto(p, "infoTributaria/nombreComercial", e.NombreComercial, 300, obligatorio: false);
        Texto(p, "infoTributaria/dirMatriz", e.DireccionMatriz, 300, obligatorio: true);
        Texto(p, "infoFactura/dirEstablecimiento", e.DireccionEstablecimiento, 300, obligatorio: false);
        if (e.ContribuyenteEspecial is { } ce && (ce.Length is < 3 or > 13 || !ce.All(char.IsAsciiLetterOrDigit)))
        {
            p.Add(new("infoFactura/contribuyenteEspecial", $"El número de contribuyente especial '{ce}' debe tener de 3 a 13 letras o dígitos."));
        }

        if (e.AgenteRetencion is { } ar && (ar.Length is < 1 or > 8 || !ar.All(char.IsAsciiDigit)))
        {
            p.Add(new("infoTributaria/agenteRetencion", $"La resolución de agente de retención '{ar}' debe tener de 1 a 8 dígitos."));
        }
    }

    /// <summary>The buyer's rules alone (identification type, check digits, names), for forms that register a customer.</summary>
    public static IReadOnlyList<ProblemaFactura> ValidarComprador(Comprador comprador)
    {
        var p = new List<ProblemaFactura>();
        ValidarComprador(comprador, p);
        return p;
    }

    private static void ValidarComprador(Comprador? c, List<ProblemaFactura> p)
    {
        if (c is null)
        {
            p.Add(new("infoFactura/tipoIdentificacionComprador", "Falta el comprador."));
            return;
        }

        const string campoId = "infoFactura/identificacionComprador";
        var id = c.Identificacion ?? "";
        switch (c.TipoIdentificacion)
        {
            case TipoIdentificacion.Ruc when IdentificacionEcuador.ErrorRuc(id) is { } errorRuc:
                p.Add(new(campoId, errorRuc));
                break;
            case TipoIdentificacion.Cedula when IdentificacionEcuador.ErrorCedula(id) is { } errorCedula:
                p.Add(new(campoId, errorCedula));
                break;
            case TipoIdentificacion.ConsumidorFinal when id != Comprador.IdentificacionConsumidorFinal:
                p.Add(new(campoId, $"Para consumidor final la identificación debe ser {Comprador.IdentificacionConsumidorFinal}."));
                break;
            case TipoIdentificacion.Pasaporte or TipoIdentificacion.Exterior:
                Texto(p, campoId, id, 20, obligatorio: true);
                break;
            case TipoIdentificacion.Ruc or TipoIdentificacion.Cedula or TipoIdentificacion.ConsumidorFinal:
                break;
            default:
                p.Add(new("infoFactura/tipoIdentificacionComprador",
                    $"El tipo de identificación {(int)c.TipoIdentificacion:00} no es válido (04 RUC, 05 cédula, 06 pasaporte, 07 consumidor final, 08 exterior)."));
                break;
        }

        if (c.TipoIdentificacion != TipoIdentificacion.ConsumidorFinal && id == Comprador.IdentificacionConsumidorFinal)
        {
            p.Add(new("infoFactura/tipoIdentificacionComprador", "La identificación 9999999999999 solo puede usarse con el tipo 07 consumidor final."));
        }

        Texto(p, "infoFactura/razonSocialComprador", c.RazonSocial, 300, obligatorio: true);
        Texto(p, "infoFactura/direccionComprador", c.Direccion, 300, obligatorio: false);
    }

    private static void ValidarDetalles(Factura factura, List<ProblemaFactura> p)
    {
        if (factura.Detalles is null || factura.Detalles.Count == 0)
        {
            p.Add(new("detalles", "La factura debe tener al menos un detalle."));
            return;
        }

        for (var i = 0; i < factura.Detalles.Count; i++)
        {
            var d = factura.Detalles[i];
            var campo = $"detalles/detalle[{i + 1}]";
            Texto(p, campo + "/descripcion", d.Descripcion, 300, obligatorio: true);
            Texto(p, campo + "/codigoPrincipal", d.CodigoPrincipal, 25, obligatorio: false);
            Texto(p, campo + "/codigoAuxiliar", d.CodigoAuxiliar, 25, obligatorio: false);
            if (d.Cantidad <= 0)
            {
                p.Add(new(campo + "/cantidad", $"La cantidad debe ser mayor que cero y es {Formato(d.Cantidad)}."));
            }

            Decimales(p, campo + "/cantidad", d.Cantidad, 6);
            Decimales(p, campo + "/precioUnitario", d.PrecioUnitario, 6);
            Decimales(p, campo + "/descuento", d.Descuento, 2);
            if (d.Descuento > FacturaCalculadora.Redondear(d.Cantidad * d.PrecioUnitario))
            {
                p.Add(new(campo + "/descuento", $"El descuento {Formato(d.Descuento)} es mayor que el valor de la línea {Formato(FacturaCalculadora.Redondear(d.Cantidad * d.PrecioUnitario))}."));
            }

            if (d.DetallesAdicionales.Count > 3)
            {
                p.Add(new(campo + "/detallesAdicionales", $"Hay {d.DetallesAdicionales.Count} detalles adicionales y el máximo es 3."));
            }

            foreach (var (da, j) in d.DetallesAdicionales.Select((x, j) => (x, j)))
            {
                Texto(p, $"{campo}/detallesAdicionales/detAdicional[{j + 1}]/@nombre", da.Nombre, 300, obligatorio: true, permiteSaltos: true);
                Texto(p, $"{campo}/detallesAdicionales/detAdicional[{j + 1}]/@valor", da.Valor, 300, obligatorio: true, permiteSaltos: true);
            }

            if (d.Impuestos is null || d.Impuestos.Count == 0)
            {
                p.Add(new(campo + "/impuestos", "Cada detalle debe indicar su impuesto (al menos el IVA, aunque sea 0 %)."));
                continue;
            }

            if (d.Impuestos.Count(t => t.Codigo == TarifaImpuesto.CodigoIva) != 1)
            {
                p.Add(new(campo + "/impuestos", "Cada detalle debe tener exactamente una tarifa de IVA."));
            }

            foreach (var (t, j) in d.Impuestos.Select((x, j) => (x, j)))
            {
                var campoImp = $"{campo}/impuestos/impuesto[{j + 1}]";
                if (t.Codigo != TarifaImpuesto.CodigoIva)
                {
                    p.Add(new(campoImp + "/codigo", $"El impuesto {t.Codigo} no está soportado; solo IVA (2)."));
                    continue;
                }

                var esperada = TarifaImpuesto.TarifaIvaEsperada(t.CodigoPorcentaje);
                if (esperada is null)
                {
                    p.Add(new(campoImp + "/codigoPorcentaje", $"El código de porcentaje de IVA '{t.CodigoPorcentaje}' no es conocido (0, 2, 3, 4, 5, 6, 7, 10)."));
                }
                else if (esperada.Value != t.Tarifa)
                {
                    p.Add(new(campoImp + "/tarifa", $"La tarifa {Formato(t.Tarifa)} no corresponde al código de porcentaje {t.CodigoPorcentaje}, que es {Formato(esperada.Value)} %."));
                }
            }
        }
    }

    private static void ValidarClave(Factura factura, List<ProblemaFactura> p)
    {
        if (factura.ClaveAcceso is null)
        {
            if (!ClaveDeAcceso.SonDigitos(factura.CodigoNumerico, 8))
            {
                p.Add(new("infoTributaria/claveAcceso", $"El código numérico '{factura.CodigoNumerico}' de la clave de acceso debe tener 8 dígitos."));
            }

            return;
        }

        var resultado = ClaveDeAcceso.Validar(factura.ClaveAcceso);
        if (resultado.Clave is not { } clave)
        {
            p.AddRange(resultado.Errores.Select(e => new ProblemaFactura("infoTributaria/claveAcceso", e)));
            return;
        }

        // Error 58: the clave must agree with the document it identifies.
        void Distinto(string parte, string enClave, string enDocumento) =>
            p.Add(new("infoTributaria/claveAcceso", $"La clave de acceso no coincide con el comprobante: {parte} es {enClave} en la clave y {enDocumento} en el documento."));

        if (clave.FechaEmision != factura.FechaEmision)
        {
            Distinto("la fecha de emisión", clave.FechaEmision.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), factura.FechaEmision.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        }

        if (clave.TipoComprobante != TipoComprobante.Factura)
        {
            Distinto("el tipo de comprobante", ((int)clave.TipoComprobante).ToString("00", CultureInfo.InvariantCulture), "01");
        }

        if (factura.Emisor is not null && clave.Ruc != factura.Emisor.Ruc)
        {
            Distinto("el RUC", clave.Ruc, factura.Emisor.Ruc);
        }

        if (clave.Ambiente != factura.Ambiente)
        {
            Distinto("el ambiente", ((int)clave.Ambiente).ToString(CultureInfo.InvariantCulture), ((int)factura.Ambiente).ToString(CultureInfo.InvariantCulture));
        }

        if (clave.Establecimiento != factura.Establecimiento)
        {
            Distinto("el establecimiento", clave.Establecimiento, factura.Establecimiento);
        }

        if (clave.PuntoEmision != factura.PuntoEmision)
        {
            Distinto("el punto de emisión", clave.PuntoEmision, factura.PuntoEmision);
        }

        if (long.Parse(clave.Secuencial, CultureInfo.InvariantCulture) != factura.Secuencial)
        {
            Distinto("el secuencial", clave.Secuencial, factura.Secuencial.ToString("000000000", CultureInfo.InvariantCulture));
        }
    }

    private static void ValidarTotalesYPagos(Factura factura, List<ProblemaFactura> p)
    {
        if (factura.Detalles is null || factura.Detalles.Count == 0 || factura.Detalles.Any(d => d.Impuestos is null))
        {
            return;
        }

        var totales = FacturaCalculadora.Calcular(factura);
        if (totales.ImporteTotal >= ImporteMaximo)
        {
            p.Add(new("infoFactura/importeTotal", $"El importe total {Formato(totales.ImporteTotal)} excede los 14 dígitos que admite el esquema."));
        }

        if (factura.Comprador?.TipoIdentificacion == TipoIdentificacion.ConsumidorFinal && totales.ImporteTotal > LimiteConsumidorFinal)
        {
            p.Add(new("infoFactura/importeTotal",
                $"Una factura a consumidor final no puede superar USD {Formato(LimiteConsumidorFinal)} y esta suma {Formato(totales.ImporteTotal)}; identifique al comprador."));
        }

        if (factura.Pagos is null || factura.Pagos.Count == 0)
        {
            p.Add(new("infoFactura/pagos", "La factura debe indicar al menos una forma de pago."));
            return;
        }

        for (var i = 0; i < factura.Pagos.Count; i++)
        {
            var pago = factura.Pagos[i];
            var campo = $"infoFactura/pagos/pago[{i + 1}]";
            if (!Enum.IsDefined(pago.FormaPago))
            {
                p.Add(new(campo + "/formaPago", $"La forma de pago {(int)pago.FormaPago:00} no es válida (01, 15–21)."));
            }

            if (pago.Total < 0)
            {
                p.Add(new(campo + "/total", "El total del pago no puede ser negativo."));
            }

            Decimales(p, campo + "/total", pago.Total, 2);
            if (pago.Plazo is { } plazo)
            {
                Decimales(p, campo + "/plazo", plazo, 2);
                Texto(p, campo + "/unidadTiempo", pago.UnidadTiempo, 10, obligatorio: true);
            }
        }

        var suma = factura.Pagos.Sum(x => x.Total);
        if (suma != totales.ImporteTotal)
        {
            p.Add(new("infoFactura/pagos", $"La suma de los pagos ({Formato(suma)}) no coincide con importeTotal ({Formato(totales.ImporteTotal)})."));
        }
    }

    private static void Texto(List<ProblemaFactura> p, string campo, string? valor, int maximo, bool obligatorio, bool permiteSaltos = false)
    {
        if (string.IsNullOrWhiteSpace(valor))
        {
            if (obligatorio || valor is not null)
            {
                p.Add(new(campo, obligatorio ? "Es obligatorio y está vacío." : "Si se indica, no puede estar vacío."));
            }

            return;
        }

        if (valor.Length > maximo)
        {
            p.Add(new(campo, $"Tiene {valor.Length} caracteres y el máximo es {maximo}."));
        }

        if (!permiteSaltos && valor.Contains('\n', StringComparison.Ordinal))
        {
            p.Add(new(campo, "No puede contener saltos de línea."));
        }

        if (valor.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            p.Add(new(campo, "Contiene caracteres de control que XML no admite."));
        }
    }

    private static void Decimales(List<ProblemaFactura> p, string campo, decimal valor, int maximo)
    {
        if (valor < 0)
        {
            p.Add(new(campo, $"No puede ser negativo ({Formato(valor)})."));
        }

        if (Math.Round(valor, maximo) != valor)
        {
            p.Add(new(campo, $"Admite como máximo {maximo} decimales y tiene {valor.ToString(CultureInfo.InvariantCulture)}."));
        }
    }

    internal static string Formato(decimal valor) => valor.ToString("0.00##", CultureInfo.InvariantCulture);
}

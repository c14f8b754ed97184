using System.Globalization;
using System.Text.RegularExpressions;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Sri;

namespace Cartero.Features.Invoicing;

/// <summary>
/// Turns an <see cref="InvoiceRequest"/> and the issuer's settings into the SRI library's <see cref="Factura"/>,
/// collecting every problem under the request's own field names (problem+json keys).
/// </summary>
internal static partial class InvoiceRequestMapper
{
    // Far above any sale of the business, and low enough that quantity × price and the sums stay inside decimal.
    private const decimal MaxAmount = 999_999_999_999m;
    private const string TooLarge = "El valor supera 999 999 999 999; revise la cifra.";

    private static readonly Dictionary<string, TarifaImpuesto> Taxes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["iva15"] = TarifaImpuesto.Iva15,
        ["iva5"] = TarifaImpuesto.Iva5,
        ["iva0"] = TarifaImpuesto.Iva0,
        ["no_objeto"] = TarifaImpuesto.IvaNoObjeto,
        ["exento"] = TarifaImpuesto.IvaExento,
    };

    private static readonly Dictionary<string, TipoIdentificacion> IdTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ruc"] = TipoIdentificacion.Ruc,
        ["04"] = TipoIdentificacion.Ruc,
        ["cedula"] = TipoIdentificacion.Cedula,
        ["05"] = TipoIdentificacion.Cedula,
        ["pasaporte"] = TipoIdentificacion.Pasaporte,
        ["06"] = TipoIdentificacion.Pasaporte,
        ["consumidor_final"] = TipoIdentificacion.ConsumidorFinal,
        ["07"] = TipoIdentificacion.ConsumidorFinal,
        ["exterior"] = TipoIdentificacion.Exterior,
        ["08"] = TipoIdentificacion.Exterior,
    };

    public static Emisor IssuerOf(InvoicingSettings s) => new(s.Ruc, s.BusinessName, s.HeadOfficeAddress)
    {
        NombreComercial = s.TradeName,
        DireccionEstablecimiento = s.EstablishmentAddress,
        ObligadoContabilidad = s.KeepsAccounts,
        ContribuyenteEspecial = s.SpecialTaxpayer,
        ContribuyenteRimpe = s.Rimpe,
        AgenteRetencion = s.WithholdingAgent,
    };

    /// <summary>Maps and validates; returns null with <paramref name="errors"/> filled when anything is wrong.</summary>
    public static Factura? Map(InvoiceRequest request, InvoicingSettings settings, long sequential, DateOnly today, Dictionary<string, List<string>> errors)
    {
        void Add(string field, string message)
        {
            errors.TryAdd(field, []);
            errors[field].Add(message);
        }

        var buyer = MapBuyer(request.Buyer, Add);
        var lines = new List<DetalleFactura>();
        if (request.Lines is not { Count: > 0 })
        {
            Add("lines", "La factura necesita al menos una línea de detalle.");
        }
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                if (MapLine(request.Lines[i], $"lines[{i}]", Add) is { } line)
                {
                    lines.Add(line);
                }
            }
        }

        var info = new List<CampoAdicional>();
        if (!string.IsNullOrWhiteSpace(request.Buyer?.Email))
        {
            if (EmailRequestValidator.IsValidAddress(request.Buyer.Email.Trim()))
            {
                info.Add(new CampoAdicional("Email", request.Buyer.Email.Trim()));
            }
            else
            {
                Add("buyer.email", $"«{request.Buyer.Email}» no es una dirección de correo válida.");
            }
        }

        foreach (var (name, value) in request.AdditionalInfo ?? new Dictionary<string, string>())
        {
            if (value is null)
            {
                Add($"additionalInfo.{name}", "Indique un texto para este campo adicional u omítalo.");
                continue;
            }

            info.Add(new CampoAdicional(name, value));
        }

        if (request.Tip is < 0)
        {
            Add("tip", "La propina no puede ser negativa.");
        }
        else if (request.Tip is > MaxAmount)
        {
            Add("tip", TooLarge);
        }

        if (errors.Count > 0 || buyer is null)
        {
            return null;
        }

        var draft = new Factura(ParseEnvironment(settings.Environment), IssuerOf(settings), settings.Establishment, settings.EmissionPoint,
            sequential, request.IssueDate ?? today, buyer, lines, [])
        {
            CodigoNumerico = ClaveDeAcceso.GenerarCodigoNumerico(),
            Propina = request.Tip ?? 0m,
            InfoAdicional = info,
        };

        var payments = MapPayments(request, draft, Add);
        if (payments is null)
        {
            return null;
        }

        var factura = draft with { Pagos = payments };
        foreach (var problem in FacturaValidador.Validar(factura))
        {
            Add(FieldOf(problem.Campo), problem.Mensaje);
        }

        return errors.Count > 0 ? null : factura;
    }

    public static Ambiente ParseEnvironment(string code) => code == "produccion" ? Ambiente.Produccion : Ambiente.Pruebas;

    public static string CodeOf(Ambiente ambiente) => ambiente == Ambiente.Produccion ? "produccion" : "pruebas";

    private static Comprador? MapBuyer(InvoiceBuyer? buyer, Action<string, string> add)
    {
        if (buyer is null || (buyer.IdType is null && buyer.Id is null && buyer.Name is null))
        {
            return Comprador.ConsumidorFinal;
        }

        if (string.IsNullOrWhiteSpace(buyer.IdType) || !IdTypes.TryGetValue(buyer.IdType.Trim(), out var type))
        {
            add("buyer.idType", "Indique el tipo de identificación: ruc, cedula, pasaporte, consumidor_final o exterior.");
            return null;
        }

        if (type == TipoIdentificacion.ConsumidorFinal)
        {
            return Comprador.ConsumidorFinal with { Direccion = NullIfBlank(buyer.Address) };
        }

        if (string.IsNullOrWhiteSpace(buyer.Id))
        {
            add("buyer.id", "Falta la identificación del comprador.");
        }

        if (string.IsNullOrWhiteSpace(buyer.Name))
        {
            add("buyer.name", "Falta la razón social o los nombres del comprador.");
        }

        return string.IsNullOrWhiteSpace(buyer.Id) || string.IsNullOrWhiteSpace(buyer.Name)
            ? null
            : new Comprador(type, buyer.Id.Trim(), buyer.Name.Trim()) { Direccion = NullIfBlank(buyer.Address) };
    }

    private static DetalleFactura? MapLine(InvoiceLine? line, string path, Action<string, string> add)
    {
        if (line is null)
        {
            add(path, "La línea está vacía.");
            return null;
        }

        var ok = true;
        if (string.IsNullOrWhiteSpace(line.Description))
        {
            add(path + ".description", "Falta la descripción.");
            ok = false;
        }

        if (line.Quantity is not > 0)
        {
            add(path + ".quantity", "La cantidad debe ser mayor que cero.");
            ok = false;
        }

        if (line.UnitPrice is not >= 0)
        {
            add(path + ".unitPrice", "Falta el precio unitario (sin IVA), que no puede ser negativo.");
            ok = false;
        }

        if (line.Discount is < 0)
        {
            add(path + ".discount", "El descuento no puede ser negativo.");
            ok = false;
        }

        foreach (var (field, value) in new[] { ("quantity", line.Quantity), ("unitPrice", line.UnitPrice), ("discount", line.Discount) })
        {
            if (value is > MaxAmount)
            {
                add($"{path}.{field}", TooLarge);
                ok = false;
            }
        }

        var tax = TarifaImpuesto.Iva15;
        if (line.Tax is not null && !Taxes.TryGetValue(line.Tax.Trim(), out tax!))
        {
            add(path + ".tax", $"Impuesto «{line.Tax}» desconocido: use iva15, iva5, iva0, no_objeto o exento.");
            ok = false;
        }

        return ok
            ? new DetalleFactura(line.Description!.Trim(), line.Quantity!.Value, line.UnitPrice!.Value, [tax])
            {
                CodigoPrincipal = NullIfBlank(line.Code),
                Descuento = line.Discount ?? 0m,
            }
            : null;
    }

    private static List<Pago>? MapPayments(InvoiceRequest request, Factura draft, Action<string, string> add)
    {
        var total = FacturaCalculadora.Calcular(draft).ImporteTotal;
        if (request.Payments is not { Count: > 0 })
        {
            return ParseMethod(request.PaymentMethod ?? "20", "paymentMethod", add) is { } method ? [new Pago(method, total)] : null;
        }

        var payments = new List<Pago>();
        for (var i = 0; i < request.Payments.Count; i++)
        {
            var p = request.Payments[i];
            if (p is null)
            {
                add($"payments[{i}]", "El pago está vacío: indique method y total, o quítelo de la lista.");
                continue;
            }

            if (p.Total is > MaxAmount || p.Term is > MaxAmount)
            {
                add($"payments[{i}].{(p.Total is > MaxAmount ? "total" : "term")}", TooLarge);
                continue;
            }

            var method = ParseMethod(p.Method, $"payments[{i}].method", add);
            var amount = p.Total ?? (request.Payments.Count == 1 ? total : null);
            if (amount is not >= 0)
            {
                add($"payments[{i}].total", "Indique el valor pagado de esta forma (no negativo).");
            }

            if (method is not null && amount is >= 0)
            {
                payments.Add(new Pago(method.Value, amount.Value) { Plazo = p.Term, UnidadTiempo = NullIfBlank(p.TimeUnit) });
            }
        }

        return payments.Count == request.Payments.Count ? payments : null;
    }

    private static FormaPago? ParseMethod(string? code, string field, Action<string, string> add)
    {
        if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Enum.IsDefined((FormaPago)n))
        {
            return (FormaPago)n;
        }

        add(field, $"Forma de pago «{code}» desconocida: use un código del SRI (01, 15, 16, 17, 18, 19, 20, 21).");
        return null;
    }

    /// <summary>The SRI library names fields by their XML path; the API answers with the request's names where there is one.</summary>
    private static string FieldOf(string xmlPath)
    {
        if (DetailPath().Match(xmlPath) is { Success: true } m)
        {
            var index = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
            return $"lines[{index}]" + (m.Groups[2].Success ? "." + m.Groups[2].Value : "");
        }

        if (PaymentPath().Match(xmlPath) is { Success: true } pm)
        {
            var index = int.Parse(pm.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
            return $"payments[{index}]";
        }

        return xmlPath switch
        {
            _ when xmlPath.Contains("Comprador", StringComparison.Ordinal) => "buyer" + (xmlPath.Contains("identificacion", StringComparison.OrdinalIgnoreCase) ? ".id" : ""),
            _ when xmlPath.StartsWith("infoFactura/pagos", StringComparison.Ordinal) => "payments",
            _ when xmlPath.StartsWith("infoAdicional", StringComparison.Ordinal) => "additionalInfo",
            _ when xmlPath.StartsWith("infoTributaria", StringComparison.Ordinal) => "settings (" + xmlPath + ")",
            _ => xmlPath,
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^detalles/detalle\[(\d+)\](?:/(\w+))?")]
    private static partial Regex DetailPath();

    [GeneratedRegex(@"pagos/pago\[(\d+)\]")]
    private static partial Regex PaymentPath();
}

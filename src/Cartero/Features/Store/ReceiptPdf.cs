using System.Globalization;
using Cartero.Platform.Web;
using Cartero.Sri;
using SkiaSharp;

namespace Cartero.Features.Store;

/// <summary>
/// The PDF receipt of a sale when invoicing is not configured (SkiaSharp, like the RIDE). It says plainly on top and
/// at the foot that it is not an electronic invoice, so nobody mistakes it for one.
/// </summary>
public static class ReceiptPdf
{
    public const string NotAnInvoice = "No es una factura electrónica";

    private const float Width = 595f;
    private const float Height = 842f;
    private const float Margin = 40f;

    public static byte[] Generate(Sale sale, string issuerName, string issuerRuc, string buyerName, string buyerId)
    {
        using var ms = new MemoryStream();
        using (var document = SKDocument.CreatePdf(ms, new SKDocumentPdfMetadata { Title = $"Comprobante de venta {sale.Number}", Creator = "Cartero" }))
        {
            var canvas = document.BeginPage(Width, Height);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var warning = new SKPaint { Color = new SKColor(0xB0, 0x1E, 0x1E), IsAntialias = true };
            var normal = SKTypeface.Default;
            var bold = SKTypeface.FromFamilyName(normal.FamilyName, SKFontStyle.Bold) ?? normal;
            using var title = new SKFont(bold, 16f);
            using var body = new SKFont(normal, 10f);
            using var strong = new SKFont(bold, 10f);
            var y = Margin + 10;
            canvas.DrawText("COMPROBANTE DE VENTA", Margin, y, SKTextAlign.Left, title, ink);
            y += 20;
            canvas.DrawText(NotAnInvoice.ToUpperInvariant() + " — documento sin validez tributaria", Margin, y, SKTextAlign.Left, strong, warning);
            y += 24;
            void Line(string text, SKFont font, float x = Margin, SKTextAlign align = SKTextAlign.Left)
            {
                canvas.DrawText(text, x, y, align, font, ink);
            }

            Line(issuerName + (issuerRuc.Length > 0 ? $" · RUC {issuerRuc}" : ""), strong);
            y += 14;
            Line($"Número: {sale.Number}    Fecha: {EcuadorTime.ToLocal(sale.CreatedAt).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)}", body);
            y += 14;
            Line($"Cliente: {buyerName} ({buyerId})", body);
            y += 24;
            Line("Código", strong);
            Line("Descripción", strong, Margin + 80);
            Line("Cant.", strong, Margin + 330, SKTextAlign.Right);
            Line("P. unitario", strong, Margin + 400, SKTextAlign.Right);
            Line("Desc.", strong, Margin + 450, SKTextAlign.Right);
            Line("Total", strong, Width - Margin, SKTextAlign.Right);
            y += 14;
            foreach (var l in sale.Lines)
            {
                Line(l.Code, body);
                Line(l.Description.Length > 45 ? l.Description[..45] + "…" : l.Description, body, Margin + 80);
                Line(l.Quantity.ToString(CultureInfo.InvariantCulture), body, Margin + 330, SKTextAlign.Right);
                Line(Money(l.UnitPrice), body, Margin + 400, SKTextAlign.Right);
                Line(Money(l.Discount), body, Margin + 450, SKTextAlign.Right);
                Line(Money(l.LineTotal), body, Width - Margin, SKTextAlign.Right);
                y += 14;
            }

            y += 10;
            foreach (var (label, value) in new[] { ("Subtotal", sale.Subtotal), ("Descuento", sale.Discount), ("IVA", sale.Tax), ("TOTAL", sale.Total) })
            {
                Line(label, strong, Margin + 400, SKTextAlign.Right);
                Line(Money(value), label == "TOTAL" ? strong : body, Width - Margin, SKTextAlign.Right);
                y += 14;
            }

            y += 10;
            foreach (var p in sale.Payments)
            {
                var method = int.TryParse(p.Method, CultureInfo.InvariantCulture, out var code) ? FormasPago.Descripcion((FormaPago)code) : p.Method;
                Line($"Forma de pago: {method} — {Money(p.Amount)}", body);
                y += 14;
            }

            y = Height - Margin;
            canvas.DrawText(NotAnInvoice + ". Si necesita factura, pídala en el local con su identificación.", Margin, y, SKTextAlign.Left, strong, warning);
            document.EndPage();
            if (!ReferenceEquals(bold, normal))
            {
                bold.Dispose();
            }
        }

        return ms.ToArray();
    }

    private static string Money(decimal value) => value.ToString("C2", EcuadorTime.Culture);
}

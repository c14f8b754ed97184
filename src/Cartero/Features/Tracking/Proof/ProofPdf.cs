using System.Globalization;
using Cartero.Platform.Web;
using SkiaSharp;

namespace Cartero.Features.Tracking.Proof;

/// <summary>
/// The printable proof: an A4 PDF in Spanish, times in America/Guayaquil, drawn with SkiaSharp like the RIDE (default
/// system font, DejaVu Sans through fontconfig). It names the code of its JSON twin; its own code is added by
/// <see cref="ProofSigner.SignPdf"/>.
/// </summary>
public static class ProofPdf
{
    private const float Width = 595f;
    private const float Height = 842f;
    private const float Margin = 40f;
    private const float Body = 8.5f;
    private const float Line = 11.5f;

    public static byte[] Render(DeliveryProof proof, string jsonCode, string keyId)
    {
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"Constancia de envío {proof.EmailId}",
            Author = "Cartero",
            Creator = "Cartero",
            Producer = "Cartero",
            Creation = proof.GeneratedAt,
            Modified = proof.GeneratedAt,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        using (var writer = new Writer(document))
        {
            Draw(writer, proof, jsonCode, keyId);
        }

        return stream.ToArray();
    }

    private static void Draw(Writer w, DeliveryProof p, string jsonCode, string keyId)
    {
        w.Title("Constancia de envío de correo electrónico");
        w.Paragraph($"Emitida el {Local(p.GeneratedAt)} (hora de Ecuador) por {p.GeneratedBy}. Constancia {p.ProofId}.");
        w.Gap();

        w.Heading("Solicitud");
        w.Field("Correo (id)", p.EmailId.ToString());
        w.Field("Solicitado el", Local(p.Request.RequestedAt));
        w.Field("Origen", $"{p.Request.Origin} · {p.Request.OriginatedBy}");
        w.Field("Tipo de correo", p.Request.Type);
        w.Field("Entidad", p.Request.EntityType is null ? "—" : $"{p.Request.EntityType} {p.Request.EntityId}");
        if (p.Request.IdempotencyKey is { } key)
        {
            w.Field("Clave de idempotencia", key);
        }

        w.Heading("Mensaje");
        w.Field("Destinatario", p.Recipients.ToName is null ? p.Recipients.To : $"{p.Recipients.To} ({p.Recipients.ToName})");
        w.Field("Copia", p.Recipients.Cc.Count == 0 ? "—" : string.Join(", ", p.Recipients.Cc));
        w.Field("Copia oculta", p.Recipients.Bcc.Count == 0 ? "—" : string.Join(", ", p.Recipients.Bcc));
        w.Field("Asunto", p.Subject);
        w.Field("Message-Id", $"<{p.MessageId}>");
        w.Field("Estado actual", p.Status);
        w.Field("Proveedor", p.Provider is null ? "—" : p.ProviderMessageId is null ? p.Provider : $"{p.Provider} · id {p.ProviderMessageId}");

        w.Heading("Mensaje tal como se envió (SHA-256)");
        if (p.SentMessages.Count == 0)
        {
            w.Paragraph("Ningún servidor aceptó este correo todavía.");
        }

        foreach (var sent in p.SentMessages)
        {
            // SendGrid builds the MIME on its servers: what Cartero can prove is the request it handed over.
            var requestBody = Providers.SentMessage.IsRequestBody(sent.Provider);
            w.Field("Aceptado el", Local(sent.AcceptedAt));
            w.Field("SHA-256", sent.Sha256);
            if (requestBody)
            {
                w.Field("De qué", "la solicitud JSON que Cartero entregó a SendGrid (SendGrid arma el mensaje MIME en sus servidores)");
            }

            w.Field("Respuesta", sent.ServerAnswer ?? "—");
            w.Field(requestBody ? "Solicitud guardada" : ".eml guardado", sent.EmlStored ? "sí (descargable desde el detalle del correo)" : "no");
        }

        w.Heading("Adjuntos");
        if (p.Attachments.Count == 0)
        {
            w.Paragraph("Sin adjuntos.");
        }

        foreach (var a in p.Attachments)
        {
            w.Field(a.FileName, $"{a.ContentType} · {a.Size.ToString("N0", EcuadorTime.Culture)} bytes");
            w.Field("SHA-256", a.Sha256);
        }

        if (p.Invoice is { } invoice)
        {
            w.Heading("Comprobante electrónico (SRI)");
            w.Field("Factura", invoice.Number);
            w.Field("Clave de acceso", invoice.ClaveDeAcceso);
            w.Field("Número de autorización", invoice.NumeroAutorizacion ?? "—");
            w.Field("Autorizada el", Local(invoice.AuthorizedAt));
            w.Field("SHA-256 del XML autorizado", invoice.AuthorizedXmlSha256 ?? "—");
        }

        w.Heading("Intentos y reportes");
        foreach (var e in p.Events)
        {
            var change = e.PreviousStatus is null ? e.Status : $"{e.PreviousStatus} → {e.Status}";
            w.Field($"{e.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "·"}. {Local(e.OccurredAt)}", change);
            if (e.Detail is not null)
            {
                w.Field(e.Code is { } code ? $"Respuesta ({code})" : "Detalle", e.Detail);
            }

            w.Field("Fuente", string.Join(" · ", new[] { e.Provider, e.Source }.Where(s => !string.IsNullOrEmpty(s)).DefaultIfEmpty("—")));
            if (e.MessageSha256 is not null)
            {
                w.Field("SHA-256 del mensaje", e.MessageSha256);
            }
        }

        w.Heading("Verificación");
        w.Paragraph("Esta constancia tiene un gemelo en JSON con los mismos datos. Ambos llevan un código de verificación (HMAC-SHA256 con una clave que no está en la base de datos): cualquier cambio en un solo byte del archivo hace que la verificación falle.");
        w.Field("Código del JSON", jsonCode);
        w.Field("Clave", keyId);
        w.Paragraph("Compruebe el PDF o el JSON con la orden del operador: cartero proof verify <archivo>.");
    }

    private static string Local(DateTime? utc) => EcuadorTime.Format(utc);

    /// <summary>Top-to-bottom text with wrapping and page breaks.</summary>
    private sealed class Writer(SKDocument document) : IDisposable
    {
        private static readonly SKTypeface Regular = SKTypeface.Default;
        private static readonly SKTypeface Bold = SKTypeface.FromFamilyName(Regular.FamilyName, SKFontStyle.Bold) ?? Regular;
        private readonly SKPaint _ink = new() { Color = SKColors.Black, IsAntialias = true };
        private SKCanvas? _canvas;
        private float _y;
        private int _page;

        public void Title(string text) => Write(text, Bold, 14f, 20f, Margin, Width - 2 * Margin);

        public void Heading(string text)
        {
            Gap();
            Write(text, Bold, 10.5f, 15f, Margin, Width - 2 * Margin);
        }

        public void Paragraph(string text) => Write(text, Regular, Body, Line, Margin, Width - 2 * Margin);

        public void Field(string label, string value)
        {
            const float labelWidth = 150f;
            Ensure(Line);
            var top = _y;
            Write(label, Bold, Body, Line, Margin, labelWidth - 6f);
            var afterLabel = _y;
            if (_y > top)
            {
                _y = top;
            }

            Write(value, Regular, Body, Line, Margin + labelWidth, Width - 2 * Margin - labelWidth);
            _y = Math.Max(_y, afterLabel);
        }

        public void Gap() => _y += Line / 2;

        private void Write(string text, SKTypeface face, float size, float line, float x, float width)
        {
            using var font = new SKFont(face, size);
            foreach (var row in Wrap(text, font, width))
            {
                Ensure(line);
                _canvas!.DrawText(row, x, _y + size, SKTextAlign.Left, font, _ink);
                _y += line;
            }
        }

        private void Ensure(float line)
        {
            if (_canvas is not null && _y + line <= Height - Margin)
            {
                return;
            }

            EndPage();
            _canvas = document.BeginPage(Width, Height);
            _page++;
            _y = Margin;
        }

        private void EndPage()
        {
            if (_canvas is null)
            {
                return;
            }

            using var font = new SKFont(Regular, 7f);
            _canvas.DrawText($"Constancia de envío · página {_page}", Width - Margin, Height - Margin / 2, SKTextAlign.Right, font, _ink);
            document.EndPage();
            _canvas = null;
        }

        /// <summary>Breaks at spaces; a word wider than the line (a hash, an address) is cut where it fills the line.</summary>
        private static IEnumerable<string> Wrap(string text, SKFont font, float width)
        {
            foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            {
                var current = "";
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = current.Length == 0 ? word : $"{current} {word}";
                    if (font.MeasureText(candidate) <= width)
                    {
                        current = candidate;
                        continue;
                    }

                    if (current.Length > 0)
                    {
                        yield return current;
                    }

                    current = word;
                    while (current.Length > 1 && font.MeasureText(current) > width)
                    {
                        var cut = current.Length - 1;
                        while (cut > 1 && font.MeasureText(current[..cut]) > width)
                        {
                            cut--;
                        }

                        yield return current[..cut];
                        current = current[cut..];
                    }
                }

                yield return current;
            }
        }

        public void Dispose()
        {
            EndPage();
            _ink.Dispose();
        }
    }
}

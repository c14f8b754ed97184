using System.Globalization;
using Cartero.Platform.Pdf;
using Cartero.Platform.Web;
using SkiaSharp;

namespace Cartero.Features.Clinical;

/// <summary>The prescription as a one-page PDF: patient, both eyes in a table, notes, the optometrist and their registration.</summary>
public static class PrescriptionPdf
{
    public static byte[] Generate(Prescription prescription, string businessName, string patientName, string patientId) =>
        PdfTextWriter.Build("Receta", w =>
        {
            w.Text("RECETA OPTOMÉTRICA", PdfTextStyle.Title);
            w.NextLine(22);
            w.Text(businessName, PdfTextStyle.Strong);
            w.NextLine();
            w.Text($"Paciente: {patientName} ({patientId})");
            w.NextLine();
            w.Text($"Fecha: {EcuadorTime.ToLocal(prescription.IssuedAt).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}");
            w.NextLine(24);
            string[] headers = ["", "Esfera", "Cilindro", "Eje", "Adición", "Prisma", "DP (mm)"];
            float[] columns = [PdfTextWriter.Margin, 150, 220, 280, 350, 420, 500];
            for (var i = 0; i < headers.Length; i++)
            {
                w.Text(headers[i], PdfTextStyle.Strong, columns[i], i == 0 ? SKTextAlign.Left : SKTextAlign.Right);
            }

            w.NextLine();
            foreach (var (label, eye) in new[] { ("OD (ojo derecho)", prescription.Od), ("OI (ojo izquierdo)", prescription.Oi) })
            {
                string[] values = [label, Signed(eye.Sphere), Signed(eye.Cylinder), eye.Axis is { } a ? $"{a}°" : "—", Signed(eye.Addition), Plain(eye.Prism), Plain(eye.PupillaryDistance)];
                for (var i = 0; i < values.Length; i++)
                {
                    w.Text(values[i], PdfTextStyle.Body, columns[i], i == 0 ? SKTextAlign.Left : SKTextAlign.Right);
                }

                w.NextLine();
            }

            w.NextLine(10);
            if (prescription.Notes is { } notes)
            {
                w.Text("Observaciones", PdfTextStyle.Strong);
                w.NextLine();
                w.Paragraph(notes);
                w.NextLine(10);
            }

            w.NextLine(30);
            w.Text("______________________________");
            w.NextLine();
            w.Text(prescription.OptometristName, PdfTextStyle.Strong);
            w.NextLine();
            w.Text($"Optometrista · Registro {prescription.RegistrationNumber}");
        });

    private static string Signed(decimal? value) => value is { } v ? (v > 0 ? "+" : "") + v.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    private static string Plain(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "—";
}

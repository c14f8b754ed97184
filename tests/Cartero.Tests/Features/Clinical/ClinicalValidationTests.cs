using System.Text;
using Cartero.Features.Clinical;

namespace Cartero.Tests.Features.Clinical;

/// <summary>The prescription's ranges and the uploaded-PDF check, without an app.</summary>
public sealed class ClinicalValidationTests
{
    private static PrescriptionInput Valid() => new()
    {
        OdEsfera = "-2.75", OdCilindro = "-1.25", OdEje = "180", OdAdicion = "2.00", OdPrisma = "1.5", OdDp = "32.5",
        OiEsfera = "+3", OiCilindro = "0", OiEje = "", OiAdicion = "", OiPrisma = "", OiDp = "",
        Optometrista = "Ana Pérez", Registro = "SENESCYT-1027",
    };

    [Fact]
    public void A_prescription_within_every_range_is_accepted()
    {
        var p = PrescriptionValidator.Validate(Valid(), DateTime.UtcNow);

        Assert.Equal(new EyePrescription(-2.75m, -1.25m, 180, 2m, 1.5m, 32.5m), p.Od);
        Assert.Equal(3m, p.Oi.Sphere);
    }

    [Theory]
    [InlineData(nameof(PrescriptionInput.OdEsfera), "-30.25", "odEsfera", "Esfera OD: debe estar entre -30 y +30")]
    [InlineData(nameof(PrescriptionInput.OdEsfera), "-1.30", "odEsfera", "en pasos de 0.25")]
    [InlineData(nameof(PrescriptionInput.OdEsfera), "", "odEsfera", "Esfera OD: escriba un valor")]
    [InlineData(nameof(PrescriptionInput.OiEsfera), "dos", "oiEsfera", "Esfera OI: no es un número")]
    [InlineData(nameof(PrescriptionInput.OdCilindro), "-10.5", "odCilindro", "Cilindro OD: debe estar entre -10 y +10")]
    [InlineData(nameof(PrescriptionInput.OdEje), "90.5", "odEje", "Eje OD: escriba un número entero")]
    [InlineData(nameof(PrescriptionInput.OdEje), "", "odEje", "con cilindro hace falta el eje")]
    [InlineData(nameof(PrescriptionInput.OdAdicion), "4.25", "odAdicion", "Adición OD: debe estar entre 0 y +4")]
    [InlineData(nameof(PrescriptionInput.OdPrisma), "-1", "odPrisma", "Prisma OD")]
    [InlineData(nameof(PrescriptionInput.OdDp), "32.2", "odDp", "DP OD: debe estar entre +20 y +40 en pasos de 0.50")]
    [InlineData(nameof(PrescriptionInput.Registro), "", "registro", "número de registro profesional")]
    [InlineData(nameof(PrescriptionInput.Optometrista), " ", "optometrista", "nombre del optometrista")]
    public void A_value_out_of_range_gets_a_spanish_message_on_its_field(string property, string value, string field, string message)
    {
        var input = Valid();
        typeof(PrescriptionInput).GetProperty(property)!.SetValue(input, value);

        var ex = Assert.Throws<ClinicalValidationException>(() => PrescriptionValidator.Validate(input, DateTime.UtcNow));

        Assert.Contains(message, Assert.Single(ex.Errors[field]), StringComparison.Ordinal);
        Assert.DoesNotContain(value.Trim().Length > 0 ? value : "\0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rendered_prescription_is_a_real_pdf_and_renamed_or_cut_files_are_not()
    {
        var input = Valid();
        input.Notas = "Control en seis meses.\n" + string.Join(' ', Enumerable.Repeat("observación larga que ocupa varias líneas", 40));
        var prescription = PrescriptionValidator.Validate(input, DateTime.UtcNow);
        var pdf = PrescriptionPdf.Generate(prescription, "Óptica Visión", "María Cevallos", "0102030400");

        Assert.True(PdfUploadCheck.IsPdf(pdf));
        PdfUploadCheck.Check("receta.PDF", pdf, 5 * 1024 * 1024);
        Assert.False(PdfUploadCheck.IsPdf(pdf[..(pdf.Length / 2)]));
        Assert.False(PdfUploadCheck.IsPdf([.. Encoding.ASCII.GetBytes("%PDF-1.4\n"), .. new byte[64]]));
        Assert.False(PdfUploadCheck.IsPdf([0x89, .. "PNG\r\n\u001a\n"u8.ToArray(), .. new byte[64]]));
        Assert.Contains("no es un PDF válido", Assert.Throws<ClinicalValidationException>(() => PdfUploadCheck.Check("foto.pdf", [0xFF, 0xD8, 0xFF, .. new byte[64]], 1024)).Errors["archivo"][0], StringComparison.Ordinal);
        Assert.Contains("el máximo es 1 KB", Assert.Throws<ClinicalValidationException>(() => PdfUploadCheck.Check("receta.pdf", pdf, 1024)).Errors["archivo"][0], StringComparison.Ordinal);
        Assert.Contains("extensión .pdf", Assert.Throws<ClinicalValidationException>(() => PdfUploadCheck.Check("receta.exe", pdf, 5 * 1024 * 1024)).Errors["archivo"][0], StringComparison.Ordinal);
    }
}

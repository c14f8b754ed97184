using System.Security.Cryptography;
using Cartero.Features.Sending.Attachments;
using Cartero.Platform;
using Microsoft.Extensions.Options;

namespace Cartero.Tests.Features.Sending.Attachments;

public sealed class AttachmentTests
{
    private static readonly AttachmentValidator Validator = new(Options.Create(new AttachmentLimits { MaxFileBytes = 1024, MaxTotalBytes = 1500, MaxCount = 3 }));

    private static IncomingAttachment Pdf(string name = "RIDE.pdf", int size = 100) =>
        new(name, "application/pdf", Convert.ToBase64String([.. "%PDF-"u8, .. new byte[size - 5]]));

    [Fact]
    public void Valid_attachments_are_decoded()
    {
        var result = Validator.Validate([Pdf(), new IncomingAttachment("factura.xml", "application/xml", Convert.ToBase64String("<factura/>"u8))]);
        Assert.Empty(result.Errors);
        Assert.Equal(["RIDE.pdf", "factura.xml"], result.Valid.Select(v => v.FileName));
    }

    public static TheoryData<IncomingAttachment, string> Bad => new()
    {
        { new IncomingAttachment(null, "application/pdf", "JVBERg=="), "attachments[0].fileName" },
        { new IncomingAttachment("../../etc/passwd", "text/plain", "YQ=="), "attachments[0].fileName" },
        { new IncomingAttachment("\u202E\u200B\r\n", "application/pdf", "JVBERi0xLjQK"), "attachments[0].fileName" },
        { new IncomingAttachment("a.exe", "application/x-msdownload", "TVo="), "attachments[0].contentType" },
        { new IncomingAttachment("a.pdf", null, "JVBERg=="), "attachments[0].contentType" },
        { new IncomingAttachment("a.pdf", "application/pdf", "no es base64!"), "attachments[0].contentBase64" },
        { new IncomingAttachment("a.pdf", "application/pdf", ""), "attachments[0].contentBase64" },
        { new IncomingAttachment("a.pdf", "application/pdf", Convert.ToBase64String("hola"u8)), "attachments[0].contentBase64" },
        { new IncomingAttachment("a.pdf", "application/pdf", Convert.ToBase64String([.. "%PDF"u8, .. new byte[2000]])), "attachments[0].contentBase64" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Each_bad_attachment_is_reported_on_its_field(IncomingAttachment attachment, string field)
    {
        var result = Validator.Validate([attachment]);
        Assert.True(result.Errors.ContainsKey(field), $"Se esperaba un error en {field}; llegaron {string.Join(", ", result.Errors.Keys)}");
        Assert.Empty(result.Valid);
    }

    private static readonly string PdfBase64 = Convert.ToBase64String("%PDF-1.4\n"u8);

    [Theory]
    [InlineData("factura.pdf.exe")]
    [InlineData("FACTURA.PDF.EXE")]
    [InlineData("factura.pdf.exe.")]
    [InlineData("factura.pdf.exe  ")]
    [InlineData("factura.exe.pdf")]
    [InlineData("factura\u202Efdp.exe")]
    [InlineData("a.bat")]
    [InlineData("a.cmd")]
    [InlineData("a.com")]
    [InlineData("a.scr")]
    [InlineData("a.js")]
    [InlineData("a.vbs")]
    [InlineData("a.ps1")]
    [InlineData("a.msi")]
    [InlineData("a.jar")]
    [InlineData("a.sh")]
    [InlineData("a.dll")]
    [InlineData("a.hta")]
    [InlineData("a.lnk")]
    [InlineData("factura.html")]
    [InlineData("logo.svg")]
    [InlineData("planilla.xlsm")]
    public void Executable_and_double_extensions_are_refused_whatever_the_declared_type(string name)
    {
        var result = Validator.Validate([new IncomingAttachment(name, "application/pdf", PdfBase64)]);

        var message = Assert.Single(result.Errors["attachments[0].fileName"]);
        Assert.Contains("ejecutable", message, StringComparison.Ordinal);
        Assert.Empty(result.Valid);
    }

    [Theory]
    [InlineData("application/x-msdownload")]
    [InlineData("application/javascript")]
    [InlineData("text/html")]
    [InlineData("image/svg+xml")]
    [InlineData("application/x-sh")]
    [InlineData("application/java-archive")]
    public void Executable_declared_types_are_refused_even_when_the_configuration_allows_them(string type)
    {
        var permissive = new AttachmentValidator(Options.Create(new AttachmentLimits { AllowedContentTypes = [type, "application/pdf"] }));

        var result = permissive.Validate([new IncomingAttachment("documento", type, Convert.ToBase64String("hola"u8))]);

        Assert.Contains("ejecutables", Assert.Single(result.Errors["attachments[0].contentType"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Control_bidi_and_zero_width_characters_are_removed_from_names()
    {
        var result = Validator.Validate([new IncomingAttachment("\u200Bfac\u200Dtura\u202A-001\u2066\r\n.pdf\uFEFF", "application/pdf", PdfBase64)]);

        Assert.Empty(result.Errors);
        Assert.Equal("factura-001.pdf", Assert.Single(result.Valid).FileName);
    }

    [Theory]
    [InlineData("foto.png", "image/png", "/9j/4AAQSkZJRg==")]
    [InlineData("foto.jpg", "image/jpeg", "iVBORw0KGgoAAAANSUhEUg==")]
    [InlineData("factura.pdf", "application/pdf", "JVBERg==")]
    [InlineData("factura.xml", "application/xml", "aG9sYQ==")]
    [InlineData("reporte.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "JVBERi0xLjQK")]
    public void Content_that_does_not_start_like_its_declared_type_is_refused(string name, string type, string base64)
    {
        var result = Validator.Validate([new IncomingAttachment(name, type, base64)]);

        Assert.True(result.Errors.ContainsKey("attachments[0].contentBase64"), string.Join(", ", result.Errors.Keys));
    }

    [Theory]
    [InlineData("foto.png", "image/png", "iVBORw0KGgoAAAANSUhEUg==")]
    [InlineData("foto.JPEG", "image/jpeg", "/9j/4AAQSkZJRg==")]
    [InlineData("factura.xml", "text/xml", "77u/PD94bWwgdmVyc2lvbj0iMS4wIj8+")]
    [InlineData("reporte.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "UEsDBBQAAAAIAA==")]
    [InlineData("notas.txt", "text/plain", "aG9sYQ==")]
    public void Real_files_of_the_common_types_pass(string name, string type, string base64)
    {
        var result = Validator.Validate([new IncomingAttachment(name, type, base64)]);

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void A_name_whose_extension_belongs_to_another_type_is_refused()
    {
        var result = Validator.Validate([new IncomingAttachment("foto.png", "application/pdf", PdfBase64)]);

        Assert.Contains(".pdf", Assert.Single(result.Errors["attachments[0].fileName"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_and_too_much_in_total_are_refused()
    {
        Assert.True(Validator.Validate([Pdf("1.pdf"), Pdf("2.pdf"), Pdf("3.pdf"), Pdf("4.pdf")]).Errors.ContainsKey("attachments"));
        Assert.True(Validator.Validate([Pdf("1.pdf", 1000), Pdf("2.pdf", 1000)]).Errors.ContainsKey("attachments"));
    }

    [Fact]
    public async Task The_store_keeps_one_copy_per_content_named_by_its_hash_even_under_concurrency()
    {
        var root = Directory.CreateTempSubdirectory("cartero-adjuntos-").FullName;
        var store = new AttachmentStore(new DataDirectory(root));
        var bytes = "%PDF-1.4 factura 001-001-000000123"u8.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => store.SaveAsync(bytes, TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.Equal(new StoredAttachment(bytes.Length, sha), r));
        var files = Directory.GetFiles(Path.Combine(root, "attachments"), "*", SearchOption.AllDirectories);
        Assert.Equal([Path.Combine(root, "attachments", sha[..2], sha[2..4], sha)], files);
        await using var read = await store.OpenReadAsync(sha, TestContext.Current.CancellationToken);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy, TestContext.Current.CancellationToken);
        Assert.Equal(bytes, copy.ToArray());
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(new string('a', 64), TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => store.Exists("../../x"));
    }
}

using System.Security.Cryptography;
using Cartero.Features.Sending.Attachments;
using Cartero.Platform;
using Microsoft.Extensions.Options;

namespace Cartero.Tests.Features.Sending.Attachments;

public sealed class AttachmentTests
{
    private static readonly AttachmentValidator Validator = new(Options.Create(new AttachmentLimits { MaxFileBytes = 1024, MaxTotalBytes = 1500, MaxCount = 3 }));

    private static IncomingAttachment Pdf(string name = "RIDE.pdf", int size = 100) =>
        new(name, "application/pdf", Convert.ToBase64String([.. "%PDF"u8, .. new byte[size - 4]]));

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
        { new IncomingAttachment("a\r\nb.pdf", "application/pdf", "JVBERg=="), "attachments[0].fileName" },
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

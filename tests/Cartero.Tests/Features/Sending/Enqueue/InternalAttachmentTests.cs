using System.Security.Cryptography;
using System.Text;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Sending.Enqueue;

/// <summary>Callers inside the app hand attachments to the enqueuer as bytes; the same checks and idempotency apply.</summary>
public sealed class InternalAttachmentTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    private static readonly RequestActor Actor = new("facturacion", null, false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EnqueueEmailRequest Request(string? key = null) => new()
    {
        Type = "comprobante",
        To = new EmailRecipient("ana.perez@correo.ec", "Ana Pérez"),
        Subject = "Su comprobante",
        Text = "Adjunto.",
        IdempotencyKey = key,
    };

    [Fact]
    public async Task Bytes_are_stored_as_given_with_their_size_and_hash()
    {
        await using var app = new CarteroAppFactory();
        await using var scope = app.Services.CreateAsyncScope();
        var enqueuer = scope.ServiceProvider.GetRequiredService<EmailEnqueuer>();

        var (entry, replayed) = await enqueuer.EnqueueAsync(Request(), [new EmailAttachmentContent("comprobante-1.pdf", "application/pdf", Pdf)], Actor, EmailOrigin.Manual, Ct);

        Assert.False(replayed);
        var stored = await app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == entry.Id, Ct));
        var attachment = Assert.Single(stored.Attachments);
        Assert.Equal(("comprobante-1.pdf", "application/pdf", (long)Pdf.Length), (attachment.FileName, attachment.ContentType, attachment.Size));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), attachment.Sha256);
    }

    [Fact]
    public async Task Bytes_that_are_not_of_the_declared_type_are_refused_like_base64_ones()
    {
        await using var app = new CarteroAppFactory();
        await using var scope = app.Services.CreateAsyncScope();
        var enqueuer = scope.ServiceProvider.GetRequiredService<EmailEnqueuer>();

        var refused = await Assert.ThrowsAsync<EnqueueValidationException>(() => enqueuer.EnqueueAsync(
            Request(), [new EmailAttachmentContent("comprobante.pdf", "application/pdf", Encoding.ASCII.GetBytes("MZ no soy un PDF"))], Actor, EmailOrigin.Manual, Ct));

        Assert.Contains("attachments[0].content", refused.Errors.Keys);
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
        await Assert.ThrowsAsync<ArgumentException>(() => enqueuer.EnqueueAsync(
            Request() with { Attachments = [new EmailAttachmentUpload("a.pdf", "application/pdf", Convert.ToBase64String(Pdf))] },
            [new EmailAttachmentContent("b.pdf", "application/pdf", Pdf)], Actor, EmailOrigin.Manual, Ct));
    }

    [Fact]
    public async Task The_same_key_with_the_same_files_is_a_replay_and_with_other_files_a_conflict()
    {
        await using var app = new CarteroAppFactory();
        await using var scope = app.Services.CreateAsyncScope();
        var enqueuer = scope.ServiceProvider.GetRequiredService<EmailEnqueuer>();
        EmailAttachmentContent[] files = [new("comprobante-2.pdf", "application/pdf", Pdf)];

        var (first, _) = await enqueuer.EnqueueAsync(Request("venta:2"), files, Actor, EmailOrigin.Manual, Ct);
        var (again, replayed) = await enqueuer.EnqueueAsync(Request("venta:2"), [new("comprobante-2.pdf", "application/pdf", [.. Pdf])], Actor, EmailOrigin.Manual, Ct);

        Assert.True(replayed);
        Assert.Equal(first.Id, again.Id);
        var other = Pdf.Concat(Encoding.ASCII.GetBytes("% otra versión\n")).ToArray();
        var conflict = await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            enqueuer.EnqueueAsync(Request("venta:2"), [new("comprobante-2.pdf", "application/pdf", other)], Actor, EmailOrigin.Manual, Ct));
        Assert.Equal(first.Id, conflict.ExistingId);
    }
}

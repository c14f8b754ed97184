using System.Security.Cryptography;
using System.Text;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Platform;

public sealed class IdempotencyTests
{
    private sealed record Stored(Guid Id, string? IdempotencyKey, string? RequestHash) : IIdempotentRecord;

    private sealed record Body(string Reason, int Lines);

    [Fact]
    public void The_hash_is_of_the_json_the_api_reads_so_stored_hashes_stay_valid()
    {
        // camelCase names and the default encoder (non-ASCII escaped), as the enqueuer and the invoice services hashed before.
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("""{"reason":"Devoluci\u00F3n","lines":2}""")));

        Assert.Equal(expected, Idempotency.HashOf(new Body("Devolución", 2)));
        Assert.Equal(Idempotency.HashOf(new Body("Devolución", 2)), Idempotency.HashOf(new Body("Devolución", 2)));
        Assert.NotEqual(Idempotency.HashOf(new Body("Devolución", 2)), Idempotency.HashOf(new Body("Devolución", 3)));
    }

    [Fact]
    public void Same_key_and_body_replays_and_another_body_is_a_conflict()
    {
        var hash = Idempotency.HashOf(new Body("Devolución", 2));
        var stored = new Stored(Guid.CreateVersion7(), "venta:7", hash);

        Assert.Same(stored, Idempotency.Replay(stored, hash, s => new IdempotencyConflictException(s.IdempotencyKey!, s.Id)));
        Assert.Null(Idempotency.Replay<Stored>(null, hash, s => new IdempotencyConflictException(s.IdempotencyKey!, s.Id)));
        var conflict = Assert.Throws<IdempotencyConflictException>(() =>
            Idempotency.Replay(stored, Idempotency.HashOf(new Body("Otra", 1)), s => new IdempotencyConflictException(s.IdempotencyKey!, s.Id)));
        Assert.Equal(stored.Id, conflict.ExistingId);
    }

    [Fact]
    public async Task Find_reads_the_row_stored_under_the_key()
    {
        await using var app = new CarteroAppFactory();
        var ct = TestContext.Current.CancellationToken;
        var machine = new EmailStateMachine(TimeProvider.System);
        var hash = Idempotency.HashOf(new Body("x", 1));
        var entry = new EmailLogEntry
        {
            Id = Guid.CreateVersion7(), RequestedAt = DateTime.UtcNow, Type = "prueba", RecipientKind = "externo", ToAddress = "a@example.com",
            Origin = "api", OriginatedBy = "erp", Subject = "x", MessageId = "x@cartero", IdempotencyKey = "pedido:1", RequestHash = hash,
        };
        machine.Start(entry, EmailStatus.EnCola, "erp");
        await app.WithDbAsync(async db =>
        {
            db.Emails.Add(entry);
            await db.SaveChangesAsync(ct);
        });

        await app.WithDbAsync(async db =>
        {
            static Exception Conflict(EmailLogEntry e) => new IdempotencyConflictException(e.IdempotencyKey!, e.Id);
            Assert.Equal(entry.Id, (await Idempotency.FindAsync(db.Emails, "pedido:1", hash, Conflict, ct))!.Id);
            Assert.Null(await Idempotency.FindAsync(db.Emails, "pedido:2", hash, Conflict, ct));
            await Assert.ThrowsAsync<IdempotencyConflictException>(() => Idempotency.FindAsync(db.Emails, "pedido:1", "otro", Conflict, ct));
        });
    }
}

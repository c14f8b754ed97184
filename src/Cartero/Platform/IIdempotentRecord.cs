namespace Cartero.Platform;

/// <summary>A stored row created by a request that may carry an idempotency key (an email, an invoice, a credit note).</summary>
public interface IIdempotentRecord
{
    Guid Id { get; }

    /// <summary>The caller's key, unique per table; null when the request had none.</summary>
    string? IdempotencyKey { get; }

    /// <summary>The <see cref="Idempotency.HashOf{T}"/> of the request that created the row.</summary>
    string? RequestHash { get; }
}

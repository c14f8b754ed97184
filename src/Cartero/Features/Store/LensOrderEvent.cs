namespace Cartero.Features.Store;

/// <summary>One state change of a <see cref="LensOrder"/> (<c>pedido_evento</c>): who and when.</summary>
public sealed class LensOrderEvent
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public DateTime OccurredAt { get; set; }
    public required string Status { get; set; }
    public required string Actor { get; set; }
    public string? Detail { get; set; }
}

namespace Cartero.Features.Providers;

/// <summary>The sender account points at an address Cartero refuses to connect to (link-local, metadata, or a private network not allowed by the operator).</summary>
public sealed class OutboundHostRefusedException(string message) : Exception(message);

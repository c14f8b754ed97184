using Cartero.Features.Providers;

namespace Cartero.Features.Sending.TestSend;

/// <summary>The outcome of a test send: its row in <c>log_envio_correo</c> and what the provider answered.</summary>
public sealed record TestMailResult(Guid EmailId, string Status, SendResult Result);

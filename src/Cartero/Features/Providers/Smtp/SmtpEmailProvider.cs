using Microsoft.Extensions.Options;

namespace Cartero.Features.Providers.Smtp;

/// <summary>SMTP through MailKit, with one kept-alive connection per session.</summary>
public sealed class SmtpEmailProvider(TimeProvider time, ILoggerFactory logs, OutboundHostPolicy hosts, IOptions<SmtpOptions> options) : IEmailProvider
{
    public string Kind => "smtp";

    public ValueTask<IEmailProviderSession> OpenSessionAsync(MailAccount account, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IEmailProviderSession>(new SmtpSession(account, time, hosts, options.Value, logs.CreateLogger<SmtpSession>()));
}

using Cartero.Features.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Tracking;

/// <summary>
/// Reports that do not carry Cartero's id are matched by the provider's message id or by the Message-Id, so both are
/// indexed. Kept here because only tracking looks emails up by them.
/// </summary>
internal sealed class EmailProviderIdIndex : IEntityTypeConfiguration<EmailLogEntry>
{
    public void Configure(EntityTypeBuilder<EmailLogEntry> b)
    {
        b.HasIndex(e => e.ProviderMessageId).HasDatabaseName("ix_log_envio_correo_id_mensaje_proveedor");
        b.HasIndex(e => e.MessageId).HasDatabaseName("ix_log_envio_correo_message_id");
    }
}

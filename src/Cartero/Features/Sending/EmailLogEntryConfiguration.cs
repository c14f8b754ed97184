using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Sending;

internal sealed class EmailLogEntryConfiguration : IEntityTypeConfiguration<EmailLogEntry>
{
    public void Configure(EntityTypeBuilder<EmailLogEntry> b)
    {
        b.ToTable("log_envio_correo");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(e => e.RequestedAt).HasColumnName("fecha_hora");
        b.Property(e => e.Type).HasColumnName("tipo_correo").HasMaxLength(64);
        b.Property(e => e.RecipientKind).HasColumnName("destinatario_tipo").HasMaxLength(16);
        b.Property(e => e.RecipientId).HasColumnName("destinatario_id").HasMaxLength(64);
        b.Property(e => e.ToAddress).HasColumnName("correo_destino").HasMaxLength(320);
        b.Property(e => e.ToName).HasColumnName("nombre_destino").HasMaxLength(200);
        b.Property(e => e.Cc).HasColumnName("correo_cc");
        b.Property(e => e.Bcc).HasColumnName("correo_cco");
        b.Property(e => e.EntityType).HasColumnName("entidad_tipo").HasMaxLength(64);
        b.Property(e => e.EntityId).HasColumnName("entidad_id").HasMaxLength(64);
        b.Property(e => e.Status).HasColumnName("estado").HasMaxLength(16)
            .HasConversion(s => s.ToCode(), s => EmailStatusCodes.Parse(s));
        b.Property(e => e.LastError).HasColumnName("mensaje_error");
        b.Property(e => e.Origin).HasColumnName("origen").HasMaxLength(16);
        b.Property(e => e.OriginatedBy).HasColumnName("originado_por").HasMaxLength(200);
        b.Property(e => e.Subject).HasColumnName("asunto").HasMaxLength(998);
        b.Property(e => e.Template).HasColumnName("plantilla").HasMaxLength(64);
        b.Property(e => e.Provider).HasColumnName("proveedor").HasMaxLength(32);
        b.Property(e => e.ProviderMessageId).HasColumnName("id_mensaje_proveedor").HasMaxLength(256);
        b.Property(e => e.MessageId).HasColumnName("message_id").HasMaxLength(256);
        b.Property(e => e.Attempts).HasColumnName("intentos");
        b.Property(e => e.NextAttemptAt).HasColumnName("proximo_intento");
        b.Property(e => e.LastAttemptAt).HasColumnName("ultimo_intento");
        b.Property(e => e.IdempotencyKey).HasColumnName("clave_idempotencia").HasMaxLength(200);
        b.Property(e => e.RequestHash).HasColumnName("hash_solicitud").HasMaxLength(64);
        b.Property(e => e.PendingRecipients).HasColumnName("destinatarios_pendientes");
        b.Property(e => e.LeaseOwner).HasColumnName("lease_propietario").HasMaxLength(200);
        b.Property(e => e.LeaseExpiresAt).HasColumnName("lease_expira");
        // The count is also the optimistic guard: two writers that read the same head cannot both extend the chain.
        b.Property(x => x.EventCount).HasColumnName("eventos_cantidad").IsConcurrencyToken();
        b.Property(x => x.EventsHead).HasColumnName("eventos_hash").HasMaxLength(64);
        b.Property(x => x.ContentPurgedAt).HasColumnName("contenido_depurado_en");
        b.Ignore(e => e.AsStored);

        b.OwnsMany(e => e.Attachments, a =>
        {
            a.ToJson("adjuntos");
            a.Property(x => x.FileName).HasJsonPropertyName("nombre");
            a.Property(x => x.ContentType).HasJsonPropertyName("tipo");
            a.Property(x => x.Size).HasJsonPropertyName("tamano");
            a.Property(x => x.Sha256).HasJsonPropertyName("sha256");
        });

        b.HasOne(e => e.Content).WithOne().HasForeignKey<EmailContent>(c => c.EmailId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Events).WithOne().HasForeignKey(e => e.EmailId).OnDelete(DeleteBehavior.Restrict);

        // The panel's lists: newest first, optionally narrowed by one of these columns.
        b.HasIndex(e => new { e.RequestedAt, e.Id }).HasDatabaseName("ix_log_envio_correo_fecha_hora");
        b.HasIndex(e => new { e.Status, e.RequestedAt }).HasDatabaseName("ix_log_envio_correo_estado");
        b.HasIndex(e => new { e.ToAddress, e.RequestedAt }).HasDatabaseName("ix_log_envio_correo_correo_destino");
        b.HasIndex(e => new { e.EntityType, e.EntityId }).HasDatabaseName("ix_log_envio_correo_entidad");
        b.HasIndex(e => e.RecipientId).HasDatabaseName("ix_log_envio_correo_destinatario_id");
        b.HasIndex(e => new { e.Type, e.RequestedAt }).HasDatabaseName("ix_log_envio_correo_tipo");
        // The worker's due-work index: states that are waiting, by when they are due.
        b.HasIndex(e => new { e.Status, e.NextAttemptAt }).HasDatabaseName("ix_log_envio_correo_pendientes");
        b.HasIndex(e => e.IdempotencyKey).IsUnique().HasDatabaseName("ux_log_envio_correo_clave_idempotencia");
    }
}

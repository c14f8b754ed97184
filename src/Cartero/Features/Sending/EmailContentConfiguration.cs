using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Sending;

internal sealed class EmailContentConfiguration : IEntityTypeConfiguration<EmailContent>
{
    public void Configure(EntityTypeBuilder<EmailContent> b)
    {
        b.ToTable("log_envio_correo_contenido");
        b.HasKey(c => c.EmailId);
        b.Property(c => c.EmailId).HasColumnName("id_correo");
        b.Property(c => c.Html).HasColumnName("html");
        b.Property(c => c.Text).HasColumnName("texto");
    }
}

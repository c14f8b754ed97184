using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Invoicing;

/// <summary>The columns of <c>factura</c> for invoices issued again (abandonada, reemplazada_por/reemplaza_a) and annulled ones.</summary>
internal sealed class InvoiceReplacementConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.Property(i => i.RequiresReissue).HasColumnName("requiere_emitir_de_nuevo").HasDefaultValue(false);
        b.Property(i => i.ClosedReason).HasColumnName("motivo_cierre").HasMaxLength(1000);
        b.Property(i => i.ReplacedBy).HasColumnName("reemplazada_por");
        b.Property(i => i.Replaces).HasColumnName("reemplaza_a");
        b.Property(i => i.AnnulledBy).HasColumnName("anulada_por").HasMaxLength(200);
        b.Property(i => i.AnnulledAt).HasColumnName("anulada_en");
        b.Property(i => i.AnnulmentReference).HasColumnName("referencia_anulacion_sri").HasMaxLength(100);
        b.HasIndex(i => i.Replaces).HasDatabaseName("ix_factura_reemplaza_a");
    }
}

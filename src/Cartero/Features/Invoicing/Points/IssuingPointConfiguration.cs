using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Invoicing.Points;

internal sealed class IssuingPointConfiguration :
    IEntityTypeConfiguration<Establishment>,
    IEntityTypeConfiguration<IssuingPoint>,
    IEntityTypeConfiguration<IssuingPointUser>
{
    public void Configure(EntityTypeBuilder<Establishment> b)
    {
        b.ToTable("establecimiento");
        b.HasKey(e => e.Code);
        b.Property(e => e.Code).HasColumnName("codigo").HasMaxLength(3);
        b.Property(e => e.Name).HasColumnName("nombre").HasMaxLength(300);
        b.Property(e => e.Address).HasColumnName("direccion").HasMaxLength(300);
        b.Property(e => e.UpdatedAt).HasColumnName("fecha_hora");
        b.Property(e => e.UpdatedBy).HasColumnName("actualizado_por").HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<IssuingPoint> b)
    {
        b.ToTable("punto_emision");
        b.HasKey(p => new { p.EstablishmentCode, p.Code });
        b.Property(p => p.EstablishmentCode).HasColumnName("establecimiento").HasMaxLength(3);
        b.Property(p => p.Code).HasColumnName("codigo").HasMaxLength(3);
        b.Property(p => p.Description).HasColumnName("descripcion").HasMaxLength(300);
        b.Property(p => p.RideLayout).HasColumnName("formato_ride").HasMaxLength(16);
        b.Property(p => p.UpdatedAt).HasColumnName("fecha_hora");
        b.Property(p => p.UpdatedBy).HasColumnName("actualizado_por").HasMaxLength(200);
        b.HasOne<Establishment>().WithMany().HasForeignKey(p => p.EstablishmentCode).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<IssuingPointUser> b)
    {
        b.ToTable("punto_emision_usuario");
        b.HasKey(u => u.UserName);
        b.Property(u => u.UserName).HasColumnName("usuario").HasMaxLength(256);
        b.Property(u => u.EstablishmentCode).HasColumnName("establecimiento").HasMaxLength(3);
        b.Property(u => u.PointCode).HasColumnName("punto_emision").HasMaxLength(3);
        b.HasOne<IssuingPoint>().WithMany().HasForeignKey(u => new { u.EstablishmentCode, u.PointCode }).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(u => new { u.EstablishmentCode, u.PointCode }).HasDatabaseName("ix_punto_emision_usuario_punto");
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Platform.Identity;

/// <summary>Spanish table names for the Identity tables, like the rest of the schema.</summary>
internal sealed class IdentityTablesConfiguration :
    IEntityTypeConfiguration<CarteroUser>,
    IEntityTypeConfiguration<IdentityRole<Guid>>,
    IEntityTypeConfiguration<IdentityUserRole<Guid>>,
    IEntityTypeConfiguration<IdentityUserClaim<Guid>>,
    IEntityTypeConfiguration<IdentityRoleClaim<Guid>>,
    IEntityTypeConfiguration<IdentityUserLogin<Guid>>,
    IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<CarteroUser> b)
    {
        b.ToTable("usuario");
        b.Property(u => u.FullName).HasColumnName("nombre").HasMaxLength(200);
        b.Property(u => u.CustomerId).HasColumnName("id_cliente").HasMaxLength(64);
        b.Property(u => u.CreatedAt).HasColumnName("creado_en");
        b.Property(u => u.AlertsSeenUntil).HasColumnName("avisos_vistos_hasta");
        b.HasIndex(u => u.CustomerId).HasDatabaseName("ix_usuario_id_cliente");
    }

    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> b) => b.ToTable("rol");

    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> b) => b.ToTable("usuario_rol");

    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> b) => b.ToTable("usuario_reclamo");

    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> b) => b.ToTable("rol_reclamo");

    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> b) => b.ToTable("usuario_inicio_externo");

    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> b) => b.ToTable("usuario_token");
}

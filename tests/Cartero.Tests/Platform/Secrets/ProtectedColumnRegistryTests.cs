using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Platform.Secrets;

/// <summary>The registry lists every protected value, each under the table and column the database really has.</summary>
public sealed class ProtectedColumnRegistryTests
{
    [Fact]
    public async Task Every_protected_value_is_registered_under_its_real_table_and_column()
    {
        await using var app = new CarteroAppFactory();
        var registry = app.Services.GetRequiredService<ProtectedColumnRegistry>();

        Assert.Equal(
            [
                "configuracion_correo.buzon_rebotes_contrasena_cifrada",
                "configuracion_correo.clave_api_cifrada",
                "configuracion_correo.contrasena_cifrada",
                "configuracion_facturacion.certificado_cifrado",
                "configuracion_facturacion.contrasena_certificado_cifrada",
                "usuario_token.Value[AuthenticatorKey]",
                "usuario_token.Value[RecoveryCodes]",
            ],
            registry.Columns.Select(c => c.Name).Order(StringComparer.Ordinal));

        await app.WithDbAsync(db =>
        {
            var columns = db.Model.GetEntityTypes()
                .Where(e => e.GetTableName() is not null)
                .SelectMany(e => e.GetProperties().Select(p => $"{e.GetTableName()}.{p.GetColumnName()}"))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var column in registry.Columns)
            {
                Assert.Contains($"{column.Table}.{column.Column}", columns);
            }

            return Task.CompletedTask;
        });
    }
}

namespace Cartero.Platform.Secrets;

/// <summary>Registers <see cref="ISecretProtector"/> with the master key held outside the database.</summary>
public static class SecretsModule
{
    public static IServiceCollection AddSecrets(this IServiceCollection services) => services;
}

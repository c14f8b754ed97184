namespace Cartero.Platform.Secrets;

/// <summary>Registers <see cref="ISecretProtector"/> with the master key held outside the database.</summary>
public static class SecretsModule
{
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecretsOptions>(configuration.GetSection("Cartero:Secrets"));
        services.AddSingleton<MasterKeyRing>();
        services.AddSingleton<ISecretProtector, AesGcmSecretProtector>();
        services.AddHostedService<SecretsStartupCheck>();
        return services;
    }
}

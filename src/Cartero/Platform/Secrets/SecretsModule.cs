namespace Cartero.Platform.Secrets;

/// <summary>Registers <see cref="ISecretProtector"/> with the master key held outside the database, and the registry of protected columns.</summary>
public static class SecretsModule
{
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecretsOptions>(configuration.GetSection("Cartero:Secrets"));
        services.AddSingleton<MasterKeyRing>();
        services.AddSingleton<ISecretProtector, AesGcmSecretProtector>();
        services.AddSingleton<ProtectedColumnRegistry>();
        services.AddHostedService<SecretsStartupCheck>();
        return services;
    }

    /// <summary>Adds a protected column to the registry walked by the start-up check and <c>keys rotate</c>.</summary>
    public static IServiceCollection AddProtectedColumn(this IServiceCollection services, IProtectedColumn column) =>
        services.AddSingleton(column);

    /// <summary>Adds an entry read a page at a time (clinical content) to the registry walked by the start-up check and <c>keys rotate</c>.</summary>
    public static IServiceCollection AddPagedProtectedContent<T>(this IServiceCollection services)
        where T : class, IPagedProtectedContent =>
        services.AddSingleton<IPagedProtectedContent, T>();
}

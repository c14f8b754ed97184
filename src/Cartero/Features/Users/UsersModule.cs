namespace Cartero.Features.Users;

/// <summary>User administration: people, roles, deactivation, password resets, invitations and the 2FA rule.</summary>
public static class UsersModule
{
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddScoped<UserAdministration>();
        return services;
    }
}

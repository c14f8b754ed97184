using Cartero.Features.Sending;
using Cartero.Features.Sending.Worker;
using Microsoft.AspNetCore.Identity;

namespace Cartero.Features.Accounts;

/// <summary>Password recovery and invitations: links mailed through the send log, their code made only at send time.</summary>
public static class AccountsModule
{
    /// <summary>The category that logs every request line with its query string, where a link's code travels.</summary>
    public const string RequestLineCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);
        services.AddOptions<DataProtectionTokenProviderOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<AccountOptions>>((o, accounts) => o.TokenLifespan = accounts.Value.LinkLifetime);
        services.AddTransient<PasswordLinkTokenProvider>();
        services.Configure<IdentityOptions>(o =>
        {
            o.Tokens.ProviderMap[PasswordLinkTokenProvider.Name] = new TokenProviderDescriptor(typeof(PasswordLinkTokenProvider));
            o.Tokens.PasswordResetTokenProvider = PasswordLinkTokenProvider.Name;
        });

        // A request line at Information would carry a followed link's code into the app log, whatever the operator's
        // levels say for broader categories; this rule is more specific than those, and registered after the configuration's.
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, RequestLineCategory, LogLevel.Warning, null)));

        services.AddSingleton<PasswordLinks>();
        services.AddSingleton<ISendTimeContent>(sp => sp.GetRequiredService<PasswordLinks>());
        services.AddScoped<PasswordLinkMailer>();
        services.AddSingleton<RecoveryRequests>();
        services.AddSingleton<ResetCookie>();
        services.AddHostedService<RecoveryRequestService>();
        return services;
    }
}

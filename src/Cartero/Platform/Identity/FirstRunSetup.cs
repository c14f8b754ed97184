using System.Security.Cryptography;
using Cartero.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Platform.Identity;

/// <summary>
/// A fresh install has no administrator and no default password. At start-up a one-time setup code is
/// printed to the console; whoever can read the console opens /configuracion-inicial and creates the first
/// admin with it. The code dies with the first admin (or with the process).
/// </summary>
public sealed partial class FirstRunSetup(IServiceScopeFactory scopes, ILogger<FirstRunSetup> log) : IHostedService
{
    private readonly Lock _gate = new();
    private string? _code;

    /// <summary>Whether the setup page is open (no admin exists yet).</summary>
    public bool IsPending
    {
        get
        {
            lock (_gate)
            {
                return _code is not null;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
        if (await AdminExistsAsync(db, cancellationToken))
        {
            return;
        }

        var code = NewCode();
        lock (_gate)
        {
            _code = code;
        }

        LogSetupCode(log, code);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Checks the code in constant time; a wrong code changes nothing.</summary>
    public bool Matches(string? candidate)
    {
        lock (_gate)
        {
            if (_code is null || candidate is null)
            {
                return false;
            }

            return CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(Normalize(candidate)), System.Text.Encoding.ASCII.GetBytes(Normalize(_code)));
        }
    }

    /// <summary>Closes the setup page once an admin exists.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _code = null;
        }
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var role in CarteroRoles.All)
        {
            if (await roles.RoleExistsAsync(role))
            {
                continue;
            }

            try
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
            catch (DbUpdateException)
            {
                // Another instance starting at the same time may have created it first; anything else is real.
                if (!await roles.RoleExistsAsync(role))
                {
                    throw;
                }
            }
        }
    }

    public static Task<bool> AdminExistsAsync(CarteroDbContext db, CancellationToken cancellationToken) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == CarteroRoles.Admin
         select ur).AnyAsync(cancellationToken);

    private static string Normalize(string code) =>
        new(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private static string NewCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<char> chars = stackalloc char[9];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i == 4 ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cartero aún no tiene administrador. Abra /configuracion-inicial en el navegador e ingrese el código de un solo uso {Code} (también puede usar: dotnet run --project src/Cartero -- admin create --email ... --name ...).")]
    private static partial void LogSetupCode(ILogger logger, string code);
}

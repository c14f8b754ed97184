using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Cartero.Features.Settings;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Cartero.Tests.Infrastructure;

/// <summary>
/// Hosts the real app on its own data directory and database (SQLite file by default, or a PostgreSQL
/// connection string), with settings and services a test can override.
/// </summary>
public sealed class CarteroAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly bool _kestrel;
    private readonly bool _ownsDataDirectory;

    static CarteroAppFactory()
    {
        // Hundreds of hosts start during a run; a file watcher each on appsettings.json exhausts inotify instances.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    public CarteroAppFactory(string? postgresConnectionString = null, IDictionary<string, string?>? settings = null, bool kestrel = false, string? dataDirectory = null)
    {
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "cartero-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _kestrel = kestrel;
        _settings = new Dictionary<string, string?>
        {
            ["Cartero:DataDirectory"] = DataDirectory,
            ["Cartero:Worker:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests sign in many times from one address; the limit itself has its own test.
            ["Cartero:Panel:SignInAttemptsPerMinute"] = "10000",
            ["Cartero:Panel:SignInAttemptsPerMinutePerAddress"] = "10000",
            // The SMTP peers and the SendGrid fake listen on loopback; the refusal itself has its own tests.
            ["Cartero:Providers:AllowPrivateNetworks"] = "true",
        };
        PostgresConnectionString = postgresConnectionString;
        if (postgresConnectionString is not null)
        {
            _settings["Cartero:Database:Provider"] = "Postgres";
            _settings["Cartero:Database:ConnectionString"] = postgresConnectionString;
        }

        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            _settings[k] = v;
        }

        if (_kestrel)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
    }

    public string DataDirectory { get; }

    /// <summary>Where the app logged (a file under the data directory), so tests can check what it wrote.</summary>
    public string LogFile => Path.Combine(DataDirectory, "test-log.txt");

    public bool IsPostgres => PostgresConnectionString is not null;

    /// <summary>The PostgreSQL database this app uses, so a second instance can share it.</summary>
    public string? PostgresConnectionString { get; }

    public CarteroAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public CarteroAppFactory WithTime(TimeProvider time) => WithServices(s =>
    {
        s.RemoveAll<TimeProvider>();
        s.AddSingleton(time);
    });

    /// <summary>The base address of the real Kestrel server (only with <c>kestrel: true</c>).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return new Uri(addresses.Addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings)
        {
            builder.UseSetting(k, v);
        }

        builder.ConfigureServices(s =>
        {
            s.AddLogging(l => l.ClearProviders().AddProvider(new FileLoggerProvider(LogFile)));
            foreach (var configure in _services)
            {
                configure(s);
            }
        });
    }

    /// <summary>Points the sender account at a local SMTP server (plain, optional login), unless one is configured already.</summary>
    public async Task ConfigureSmtpAsync(int port, string? username = null, string? password = null)
    {
        var protector = password is null ? null : Services.GetRequiredService<ISecretProtector>();
        await WithDbAsync(async db =>
        {
            if (await db.MailSettings.AnyAsync(TestContext.Current.CancellationToken))
            {
                return;
            }

            var row = new MailAccountSettings
            {
                Provider = "smtp",
                Host = "127.0.0.1",
                Port = port,
                Security = "none",
                Username = username,
                FromAddress = "notificaciones@optica.ec",
                FromName = "Óptica Visión",
                UpdatedAt = DateTime.UtcNow,
                UpdatedBy = "test",
                Version = 1,
            };
            row.PasswordEncrypted = password is null ? null : protector!.Protect(password, MailSecretColumns.Password.Purpose(row));
            db.MailSettings.Add(row);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
    }

    /// <summary>Stores an email that already failed (en_cola → enviando → fallido), as <paramref name="originatedBy"/> asked for it.</summary>
    public async Task<Guid> AddFailedEmailAsync(string originatedBy, string type = "comprobante", string origin = "manual")
    {
        var machine = new Cartero.Features.Sending.EmailStateMachine(TimeProvider.System);
        var entry = new Cartero.Features.Sending.EmailLogEntry
        {
            Id = Guid.CreateVersion7(), RequestedAt = DateTime.UtcNow, Type = type, RecipientKind = "cliente",
            ToAddress = "cliente@correo.ec", Origin = origin, OriginatedBy = originatedBy, Subject = "Su documento", MessageId = $"{Guid.NewGuid():N}@cartero",
        };
        machine.Start(entry, Cartero.Features.Sending.EmailStatus.EnCola, "test");
        machine.Transition(entry, Cartero.Features.Sending.EmailStatus.Enviando, new Cartero.Features.Sending.TransitionDetail("test"));
        machine.Transition(entry, Cartero.Features.Sending.EmailStatus.Fallido, new Cartero.Features.Sending.TransitionDetail("550 rechazado"));
        await WithDbAsync(async db =>
        {
            db.Emails.Add(entry);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return entry.Id;
    }

    /// <summary>Runs <paramref name="work"/> with a fresh scope's database context.</summary>
    public async Task<T> WithDbAsync<T>(Func<CarteroDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CarteroDbContext>());
    }

    public Task WithDbAsync(Func<CarteroDbContext, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return true;
    });

    /// <summary>An HTTP client carrying a newly created API key.</summary>
    public async Task<HttpClient> CreateApiClientAsync(bool admin = false, string? name = null)
    {
        var key = await CreateApiKeyAsync(name ?? (admin ? "admin-test" : "erp-test"), admin);
        var client = _kestrel ? new HttpClient { BaseAddress = ServerAddress } : CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task<string> CreateApiKeyAsync(string name, bool admin)
    {
        var secret = "crt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        await WithDbAsync(async db =>
        {
            db.ApiKeys.Add(new ApiKey
            {
                Id = Guid.CreateVersion7(),
                Name = name,
                Prefix = secret[..8],
                Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))),
                IsAdmin = admin,
                CreatedAt = DateTime.UtcNow,
                CreatedBy = "test",
            });
            await db.SaveChangesAsync();
        });
        return secret;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDataDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background task; the temp folder is cleaned by the OS.
        }
    }
}

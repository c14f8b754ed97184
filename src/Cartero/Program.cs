using Cartero.Features.Accounts;
using Cartero.Features.Alerts;
using Cartero.Features.ApiKeys;
using Cartero.Features.Audit;
using Cartero.Features.Clinical;
using Cartero.Features.Invoicing;
using Cartero.Features.Logs;
using Cartero.Features.Privacy;
using Cartero.Features.Providers;
using Cartero.Features.Retention;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Metrics;
using Cartero.Features.Settings;
using Cartero.Features.Statistics;
using Cartero.Features.Store;
using Cartero.Features.Templates;
using Cartero.Features.Tracking;
using Cartero.Features.Tracking.Bounces;
using Cartero.Features.Tracking.Proof;
using Cartero.Features.Users;
using Cartero.Platform;
using Cartero.Platform.Auth;
using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Platform.Secrets;
using Cartero.Platform.Web;

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));
builder.AddCarteroPlatform(operatorVerb: CliModule.IsVerb(args));
builder.Services
    .AddSecrets(builder.Configuration)
    .AddApiKeyAuthentication()
    .AddApiKeys()
    .AddCarteroIdentity()
    .AddPanel(builder.Configuration)
    .AddAudit()
    .AddMailSettings()
    .AddTemplates(builder.Configuration)
    .AddProviders()
    .AddSending(builder.Configuration)
    .AddLogs()
    .AddStatistics()
    .AddAlerts(builder.Configuration)
    .AddInvoicing(builder.Configuration)
    .AddTracking(builder.Configuration)
    .AddProof()
    .AddBounceMailbox(builder.Configuration)
    .AddStore(builder.Configuration)
    .AddClinical(builder.Configuration)
    .AddAccounts()
    .AddUsers()
    .AddRetention(builder.Configuration)
    .AddPrivacy();

var app = builder.Build();
if (CliModule.IsVerb(args))
{
    return await CliModule.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UseCarteroPlatform();
app.UseQueueSnapshotBeforeScrape();
app.MapSending();
app.MapCarteroMetrics();
app.MapLogs();
app.MapStatistics();
app.MapMailSettings();
app.MapAudit();
app.MapInvoicing();
app.MapTracking();
app.MapProof();
app.MapPanel();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;

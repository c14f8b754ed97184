using Cartero.Features.Audit;
using Cartero.Features.Invoicing;
using Cartero.Features.Statistics;
using Cartero.Features.Sending;
using Cartero.Features.Settings;
using Cartero.Features.Tracking;
using Cartero.Features.Tracking.Bounces;
using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Platform.Data;

/// <summary>
/// The one database of Cartero. Table and column names follow the Spanish requirement and are mapped in
/// each feature's <c>*Configuration</c> class; provider-specific subclasses carry their own migrations.
/// </summary>
public abstract class CarteroDbContext(DbContextOptions options)
    : IdentityDbContext<CarteroUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<EmailLogEntry> Emails => Set<EmailLogEntry>();
    public DbSet<EmailLogEvent> EmailEvents => Set<EmailLogEvent>();
    public DbSet<EmailContent> EmailContents => Set<EmailContent>();
    public DbSet<MailAccountSettings> MailSettings => Set<MailAccountSettings>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<DailySendCount> DailySendCounts => Set<DailySendCount>();
    public DbSet<DailyDomainCount> DailyDomainCounts => Set<DailyDomainCount>();
    public DbSet<DailyFailureReason> DailyFailureReasons => Set<DailyFailureReason>();
    public DbSet<StatisticsChange> StatisticsChanges => Set<StatisticsChange>();
    public DbSet<PanelSetting> PanelSettings => Set<PanelSetting>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceEvent> InvoiceEvents => Set<InvoiceEvent>();
    public DbSet<InvoiceSequence> InvoiceSequences => Set<InvoiceSequence>();
    public DbSet<InvoicingSettings> InvoicingSettings => Set<InvoicingSettings>();
    public DbSet<DeliveryReportRecord> DeliveryReports => Set<DeliveryReportRecord>();
    public DbSet<SuppressionEntry> Suppressions => Set<SuppressionEntry>();
    public DbSet<WebhookInboxItem> WebhookInbox => Set<WebhookInboxItem>();
    public DbSet<WaitingReport> WaitingReports => Set<WaitingReport>();
    public DbSet<TrackingSettings> TrackingSettings => Set<TrackingSettings>();
    public DbSet<BounceMailboxStatus> BounceMailboxStatus => Set<BounceMailboxStatus>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Sale> Sales => Set<Sale>();
    public DbSet<SaleLine> SaleLines => Set<SaleLine>();
    public DbSet<SalePayment> SalePayments => Set<SalePayment>();
    public DbSet<LensOrder> LensOrders => Set<LensOrder>();
    public DbSet<LensOrderEvent> LensOrderEvents => Set<LensOrderEvent>();
    public DbSet<Cartero.Features.Retention.RetentionTerm> RetentionTerms => Set<Cartero.Features.Retention.RetentionTerm>();
    public DbSet<Cartero.Features.Retention.LegalHold> LegalHolds => Set<Cartero.Features.Retention.LegalHold>();
    public DbSet<Cartero.Features.Clinical.ClinicalConsent> ClinicalConsents => Set<Cartero.Features.Clinical.ClinicalConsent>();
    public DbSet<Cartero.Features.Clinical.ClinicalDocument> ClinicalDocuments => Set<Cartero.Features.Clinical.ClinicalDocument>();
    public DbSet<Cartero.Features.Invoicing.CreditNotes.CreditNote> CreditNotes => Set<Cartero.Features.Invoicing.CreditNotes.CreditNote>();
    public DbSet<Cartero.Features.Invoicing.CreditNotes.CreditNoteLine> CreditNoteLines => Set<Cartero.Features.Invoicing.CreditNotes.CreditNoteLine>();
    public DbSet<Cartero.Features.Invoicing.CreditNotes.CreditNoteEvent> CreditNoteEvents => Set<Cartero.Features.Invoicing.CreditNotes.CreditNoteEvent>();
    public DbSet<Cartero.Features.Invoicing.CreditNotes.CreditNoteSequence> CreditNoteSequences => Set<Cartero.Features.Invoicing.CreditNotes.CreditNoteSequence>();

    /// <summary>Which engine this context speaks to; the worker's claim query differs between them.</summary>
    public abstract DatabaseEngine Engine { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CarteroDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Everything is stored in UTC; reading gives back DateTime.Kind = Utc on both engines.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

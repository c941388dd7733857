using Commerce.Customers.Models;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Data;

/// <summary>
/// One database for customers, Identity users and roles, settings and Data Protection keys,
/// so a change and everything it implies commit in one transaction.
/// Each provider derives its own context so that it carries its own migrations.
/// </summary>
public abstract class CustomersDbContext(DbContextOptions options) : IdentityDbContext<ShopUser>(options), IDataProtectionKeyContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<EmailTemplate> EmailTemplates => Set<EmailTemplate>();
    public DbSet<LoginAudit> LoginAudits => Set<LoginAudit>();
    public DbSet<SignInEvent> SignInEvents => Set<SignInEvent>();
    public DbSet<CustomerAddress> CustomerAddresses => Set<CustomerAddress>();
    public DbSet<CreditEntry> CreditEntries => Set<CreditEntry>();
    public DbSet<CustomerMembership> CustomerMemberships => Set<CustomerMembership>();
    public DbSet<BulkJob> BulkJobs => Set<BulkJob>();
    public DbSet<BulkJobIssue> BulkJobIssues => Set<BulkJobIssue>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CustomersDbContext).Assembly);
    }

    /// <summary>A write of the settings row is pending until its transaction commits (see SiteSettingsCommitInterceptor).</summary>
    /// <remarks>
    /// Contexts are pooled and this flag is not part of EF's reset: a transaction disposed without
    /// commit or rollback leaves it set, which costs one needless cache invalidation later, never a stale cache.
    /// </remarks>
    internal bool HasUncommittedSettingsChange { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var settingsChanged = BeforeSave();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        AfterSave(settingsChanged);
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var settingsChanged = BeforeSave();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        AfterSave(settingsChanged);
        return saved;
    }

    private bool BeforeSave()
    {
        RenewConcurrencyStamps();
        return ChangeTracker.Entries<SiteSettings>().Any(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
    }

    // Without a transaction the write is committed now; inside one, the commit interceptor tells the cache.
    private void AfterSave(bool settingsChanged)
    {
        if (!settingsChanged)
        {
            return;
        }

        if (Database.CurrentTransaction is null)
        {
            Services.SiteSettingsCache.Invalidate();
        }
        else
        {
            HasUncommittedSettingsChange = true;
        }
    }

    // The stamp is compared against its original value and replaced on every write, so the
    // second of two racing writers fails with DbUpdateConcurrencyException instead of winning silently.
    private void RenewConcurrencyStamps()
    {
        foreach (var entry in ChangeTracker.Entries<IHasConcurrencyStamp>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            }
        }
    }
}

public sealed class SqliteCustomersDbContext(DbContextOptions<SqliteCustomersDbContext> options) : CustomersDbContext(options);

public sealed class PostgresCustomersDbContext(DbContextOptions<PostgresCustomersDbContext> options) : CustomersDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Byte-order collation, as SQLite's: the list's prefix ranges and keyset comparisons
        // then mean the same on both providers, and the indexes answer them.
        var customer = builder.Entity<Customer>();
        customer.Property(c => c.NormalizedCompany).UseCollation("C");
        customer.Property(c => c.NormalizedFirstName).UseCollation("C");
        customer.Property(c => c.NormalizedLastName).UseCollation("C");
        customer.Property(c => c.NormalizedEmail).UseCollation("C");
    }
}

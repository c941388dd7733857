using Commerce.Customers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage;

namespace Commerce.Customers.Host.Shop;

/// <summary>
/// The demo shop's tables, in the module's database. It opens no connection of its own: it is
/// built on the module context's connection and joins its transaction, so an order and the
/// customer (and login) it creates commit together.
/// </summary>
public abstract class ShopDbContext(DbContextOptions options) : DbContext(options)
{
    public const string HistoryTable = "__ShopMigrationsHistory";

    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(product =>
        {
            product.ToTable("ShopProducts");
            product.Property(p => p.Sku).HasMaxLength(50);
            product.Property(p => p.Name).HasMaxLength(200);
            product.Property(p => p.Description).HasMaxLength(2000);
            product.Property(p => p.Currency).HasMaxLength(3);
            product.Property(p => p.Price).HasPrecision(18, 2);
            product.HasIndex(p => p.Sku).IsUnique();
        });
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("ShopOrders");
            order.Property(o => o.Number).HasMaxLength(30);
            order.Property(o => o.Email).HasMaxLength(254);
            order.Property(o => o.Status).HasMaxLength(30);
            order.Property(o => o.Currency).HasMaxLength(3);
            order.Property(o => o.Total).HasPrecision(18, 2);
            order.Property(o => o.CreditApplied).HasPrecision(18, 2);
            order.Property(o => o.ShippingAddress).HasMaxLength(1000);
            order.Property(o => o.PlacedBy).HasMaxLength(256);
            order.HasIndex(o => new { o.CustomerId, o.PlacedUtc });
            order.HasIndex(o => o.Number).IsUnique();
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(line => line.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<OrderLine>(line =>
        {
            line.ToTable("ShopOrderLines");
            line.Property(l => l.ProductName).HasMaxLength(200);
            line.Property(l => l.UnitPrice).HasPrecision(18, 2);
        });
    }

    /// <summary>A shop context on the module context's connection, enlisted in its current transaction.</summary>
    public static ShopDbContext On(CustomersDbContext customers)
    {
        var connection = customers.Database.GetDbConnection();
        ShopDbContext shop = customers.Database.IsNpgsql()
            ? new PostgresShopDbContext(new DbContextOptionsBuilder<PostgresShopDbContext>().UseNpgsql(connection, o => o.MigrationsHistoryTable(HistoryTable)).Options)
            : new SqliteShopDbContext(new DbContextOptionsBuilder<SqliteShopDbContext>().UseSqlite(connection, o => o.MigrationsHistoryTable(HistoryTable)).Options);
        if (customers.Database.CurrentTransaction is { } transaction)
        {
            shop.Database.UseTransaction(transaction.GetDbTransaction());
        }

        return shop;
    }
}

public sealed class SqliteShopDbContext(DbContextOptions<SqliteShopDbContext> options) : ShopDbContext(options);

public sealed class PostgresShopDbContext(DbContextOptions<PostgresShopDbContext> options) : ShopDbContext(options);

internal sealed class SqliteShopDesignTimeFactory : IDesignTimeDbContextFactory<SqliteShopDbContext>
{
    public SqliteShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteShopDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(ShopDbContext.HistoryTable)).Options);
}

internal sealed class PostgresShopDesignTimeFactory : IDesignTimeDbContextFactory<PostgresShopDbContext>
{
    public PostgresShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresShopDbContext>().UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(ShopDbContext.HistoryTable)).Options);
}

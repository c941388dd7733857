using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("Customers");
        builder.HasKey(customer => customer.Id);

        builder.Property(customer => customer.Company).HasMaxLength(Customer.CompanyMaxLength);
        builder.Property(customer => customer.FirstName).HasMaxLength(Customer.NameMaxLength);
        builder.Property(customer => customer.LastName).HasMaxLength(Customer.NameMaxLength);
        builder.Property(customer => customer.Email).HasMaxLength(Customer.EmailMaxLength);
        builder.Property(customer => customer.Phone).HasMaxLength(Customer.PhoneMaxLength);
        builder.Property(customer => customer.Culture).HasMaxLength(Customer.CultureMaxLength);
        builder.Property(customer => customer.NormalizedCompany).HasMaxLength(Customer.CompanyMaxLength);
        builder.Property(customer => customer.NormalizedFirstName).HasMaxLength(Customer.NameMaxLength);
        builder.Property(customer => customer.NormalizedLastName).HasMaxLength(Customer.NameMaxLength);
        builder.Property(customer => customer.NormalizedEmail).HasMaxLength(Customer.EmailMaxLength);
        builder.Property(customer => customer.UserId).HasMaxLength(450);
        builder.Property(customer => customer.ConcurrencyStamp).HasMaxLength(36).IsConcurrencyToken();
        builder.Ignore(customer => customer.IsRegistered);
        builder.Ignore(customer => customer.DisplayName);

        // One customer per login: backs "a double click never links two customers to one user".
        builder.HasIndex(customer => customer.UserId).IsUnique();
        builder.HasOne<ShopUser>().WithMany().HasForeignKey(customer => customer.UserId).OnDelete(DeleteBehavior.SetNull);

        // Each sortable column gets (column, Id): the list orders by it with Id as the tie-breaker,
        // which makes keyset paging and prefix filters index-only range scans at a million rows.
        builder.HasIndex(customer => new { customer.NormalizedCompany, customer.Id });
        builder.HasIndex(customer => new { customer.NormalizedLastName, customer.Id });
        builder.HasIndex(customer => new { customer.NormalizedFirstName, customer.Id });
        builder.HasIndex(customer => new { customer.NormalizedEmail, customer.Id });
        builder.HasIndex(customer => new { customer.CreatedUtc, customer.Id });
        // "Is registered" sorts on an expression, whose index EF cannot model: the RegisteredSortIndex
        // migration creates it (Migrations/CustomersRegisteredSortIndex).
    }
}

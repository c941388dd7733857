using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

internal sealed class CustomerAddressConfiguration : IEntityTypeConfiguration<CustomerAddress>
{
    public void Configure(EntityTypeBuilder<CustomerAddress> builder)
    {
        builder.ToTable("CustomerAddresses");
        builder.HasKey(address => address.Id);
        builder.Property(address => address.Name).HasMaxLength(CustomerAddress.NameMaxLength).IsRequired();
        builder.Property(address => address.Recipient).HasMaxLength(CustomerAddress.LineMaxLength);
        builder.Property(address => address.Line1).HasMaxLength(CustomerAddress.LineMaxLength).IsRequired();
        builder.Property(address => address.Line2).HasMaxLength(CustomerAddress.LineMaxLength);
        builder.Property(address => address.City).HasMaxLength(CustomerAddress.CityMaxLength).IsRequired();
        builder.Property(address => address.PostalCode).HasMaxLength(CustomerAddress.PostalCodeMaxLength).IsRequired();
        builder.Property(address => address.Country).HasMaxLength(CustomerAddress.CountryMaxLength).IsRequired();
        builder.HasIndex(address => address.CustomerId);
        // Addresses belong to their customer and go with them.
        builder.HasOne<Customer>().WithMany().HasForeignKey(address => address.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

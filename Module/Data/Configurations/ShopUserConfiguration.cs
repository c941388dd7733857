using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

/// <summary>The module's own columns on Identity's users table; Identity configures the rest.</summary>
internal sealed class ShopUserConfiguration : IEntityTypeConfiguration<ShopUser>
{
    public void Configure(EntityTypeBuilder<ShopUser> builder)
    {
        builder.Property(user => user.Culture).HasMaxLength(Customer.CultureMaxLength);
        builder.Property(user => user.TimeZoneId).HasMaxLength(64);
        builder.Property(user => user.DisabledReason).HasMaxLength(ShopUser.DisabledReasonMaxLength);
        builder.Property(user => user.DisabledBy).HasMaxLength(256);
        builder.Ignore(user => user.IsDisabled);
    }
}

using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

internal sealed class SignInEventConfiguration : IEntityTypeConfiguration<SignInEvent>
{
    public void Configure(EntityTypeBuilder<SignInEvent> builder)
    {
        builder.ToTable("SignInEvents");
        builder.HasKey(sign => sign.Id);
        builder.Property(sign => sign.UserId).HasMaxLength(450).IsRequired();
        builder.Property(sign => sign.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(sign => sign.Client).HasMaxLength(SignInEvent.ClientMaxLength);
        builder.Property(sign => sign.Network).HasMaxLength(64);
        // The owner's newest first; and the oldest first, for the retention's delete.
        builder.HasIndex(sign => new { sign.UserId, sign.CreatedUtc });
        builder.HasIndex(sign => sign.CreatedUtc);
        // A deleted login takes its history with it.
        builder.HasOne<ShopUser>().WithMany().HasForeignKey(sign => sign.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

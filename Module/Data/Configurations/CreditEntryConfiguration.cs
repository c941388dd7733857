using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

internal sealed class CreditEntryConfiguration : IEntityTypeConfiguration<CreditEntry>
{
    public void Configure(EntityTypeBuilder<CreditEntry> builder)
    {
        builder.ToTable("CreditEntries");
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.Amount).HasPrecision(18, 2);
        builder.Property(entry => entry.Currency).HasMaxLength(3).IsRequired();
        builder.Property(entry => entry.Description).HasMaxLength(CreditEntry.DescriptionMaxLength).IsRequired();
        builder.Property(entry => entry.CreatedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(entry => new { entry.CustomerId, entry.CreatedUtc });
        builder.HasOne<Customer>().WithMany().HasForeignKey(entry => entry.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CreditEntry>().WithMany().HasForeignKey(entry => entry.CorrectsEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

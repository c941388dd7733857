using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

internal sealed class CustomerMembershipConfiguration : IEntityTypeConfiguration<CustomerMembership>
{
    public void Configure(EntityTypeBuilder<CustomerMembership> builder)
    {
        builder.ToTable("CustomerMemberships");
        builder.HasKey(membership => membership.Id);
        builder.Property(membership => membership.RoleName).HasMaxLength(CustomerMembership.RoleNameMaxLength).IsRequired();
        builder.Property(membership => membership.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(membership => membership.GrantedBy).HasMaxLength(256).IsRequired();
        builder.Property(membership => membership.EndedBy).HasMaxLength(256);
        builder.Ignore(membership => membership.IsCurrent);
        builder.HasIndex(membership => new { membership.CustomerId, membership.ValidFromUtc });
        // The job's two questions: what ends before T, and what begins before T, among the current ones.
        builder.HasIndex(membership => new { membership.State, membership.ValidToUtc });
        builder.HasIndex(membership => new { membership.State, membership.ValidFromUtc });
        builder.HasOne<Customer>().WithMany().HasForeignKey(membership => membership.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

internal sealed class LoginAuditConfiguration : IEntityTypeConfiguration<LoginAudit>
{
    public void Configure(EntityTypeBuilder<LoginAudit> builder)
    {
        builder.ToTable("LoginAudits");
        builder.HasKey(audit => audit.Id);
        builder.Property(audit => audit.Action).HasConversion<string>().HasMaxLength(40);
        builder.Property(audit => audit.UserId).HasMaxLength(450);
        builder.Property(audit => audit.ActorUserId).HasMaxLength(450);
        builder.Property(audit => audit.ActorName).HasMaxLength(256).IsRequired();
        builder.Property(audit => audit.Details).HasMaxLength(LoginAudit.DetailsMaxLength);
        builder.HasIndex(audit => new { audit.CustomerId, audit.CreatedUtc });
        // The trail outlives the customer it is about.
        builder.HasOne<Customer>().WithMany().HasForeignKey(audit => audit.CustomerId).OnDelete(DeleteBehavior.SetNull);
    }
}

using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

internal sealed class BulkJobConfiguration : IEntityTypeConfiguration<BulkJob>
{
    public void Configure(EntityTypeBuilder<BulkJob> builder)
    {
        builder.ToTable("BulkJobs");
        builder.HasKey(job => job.Id);
        builder.Property(job => job.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(job => job.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(job => job.Description).HasMaxLength(BulkJob.DescriptionMaxLength).IsRequired();
        builder.Property(job => job.CreatedByUserId).HasMaxLength(450);
        builder.Property(job => job.CreatedByName).HasMaxLength(256).IsRequired();
        builder.Property(job => job.LeaseOwner).HasMaxLength(100);
        builder.Property(job => job.Error).HasMaxLength(1000);
        builder.Ignore(job => job.IsFinished);
        builder.HasIndex(job => new { job.Status, job.CreatedUtc });
    }
}

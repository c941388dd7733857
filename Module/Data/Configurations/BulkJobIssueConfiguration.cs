using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

internal sealed class BulkJobIssueConfiguration : IEntityTypeConfiguration<BulkJobIssue>
{
    public void Configure(EntityTypeBuilder<BulkJobIssue> builder)
    {
        builder.ToTable("BulkJobIssues");
        builder.HasKey(issue => issue.Id);
        builder.Property(issue => issue.Subject).HasMaxLength(300).IsRequired();
        builder.Property(issue => issue.Message).HasMaxLength(BulkJobIssue.MessageMaxLength).IsRequired();
        builder.HasIndex(issue => new { issue.JobId, issue.Id });
        builder.HasOne<BulkJob>().WithMany().HasForeignKey(issue => issue.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

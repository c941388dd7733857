using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(notification => notification.Id);
        builder.Property(notification => notification.Id).ValueGeneratedNever();
        builder.Property(notification => notification.MessageId).HasMaxLength(200).IsRequired();
        builder.Property(notification => notification.Template).HasMaxLength(EmailTemplate.NameMaxLength).IsRequired();
        builder.Property(notification => notification.RecipientEmail).HasMaxLength(Notification.RecipientMaxLength).IsRequired();
        builder.Property(notification => notification.RecipientName).HasMaxLength(300);
        builder.Property(notification => notification.Subject).HasMaxLength(Notification.SubjectMaxLength).IsRequired();
        builder.Property(notification => notification.Culture).HasMaxLength(Notification.CultureMaxLength).IsRequired().HasDefaultValue("en");
        builder.Property(notification => notification.LastError).HasMaxLength(Notification.ErrorMaxLength);
        builder.Property(notification => notification.LeaseOwner).HasMaxLength(64);

        builder.HasIndex(notification => notification.MessageId).IsUnique();
        // The dispatcher's claim scans due messages by status and time.
        builder.HasIndex(notification => new { notification.Status, notification.NextAttemptUtc });
        builder.HasIndex(notification => new { notification.CustomerId, notification.CreatedUtc });
        builder.HasIndex(notification => notification.CreatedUtc);
        // History outlives the customer: deleting one keeps its messages, unlinked.
        builder.HasOne<Customer>().WithMany().HasForeignKey(notification => notification.CustomerId).OnDelete(DeleteBehavior.SetNull);
    }
}

using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

internal sealed class EmailTemplateConfiguration : IEntityTypeConfiguration<EmailTemplate>
{
    public void Configure(EntityTypeBuilder<EmailTemplate> builder)
    {
        builder.ToTable("EmailTemplates");
        builder.HasKey(template => new { template.Name, template.Culture });
        builder.Property(template => template.Name).HasMaxLength(EmailTemplate.NameMaxLength);
        builder.Property(template => template.Culture).HasMaxLength(EmailTemplate.CultureMaxLength);
        builder.Property(template => template.Subject).HasMaxLength(EmailTemplate.SubjectMaxLength).IsRequired();
        builder.Property(template => template.HtmlBody).IsRequired();
        builder.Property(template => template.TextBody).IsRequired();
        builder.Property(template => template.UpdatedBy).HasMaxLength(256);
        builder.Property(template => template.ConcurrencyStamp).HasMaxLength(36).IsConcurrencyToken();
    }
}

using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Customers.Data.Configurations;

internal sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> builder)
    {
        builder.ToTable("SiteSettings");
        builder.HasKey(settings => settings.Id);
        builder.Property(settings => settings.Id).ValueGeneratedNever();
        builder.Property(settings => settings.SiteName).HasMaxLength(SiteSettings.SiteNameMaxLength).IsRequired();
        builder.Property(settings => settings.BaseUrl).HasMaxLength(SiteSettings.BaseUrlMaxLength);
        builder.Property(settings => settings.Properties).IsRequired();
        builder.Property(settings => settings.ConcurrencyStamp).HasMaxLength(36).IsConcurrencyToken();
    }
}

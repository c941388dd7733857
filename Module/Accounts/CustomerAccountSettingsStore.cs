using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Commerce.Customers.Data;
using Commerce.Customers.Services;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Reads and writes the Customer accounts section of the site settings. Reads go through
/// <see cref="SiteSettingsStore"/>, which the layout and feature checks already loaded this request.
/// </summary>
public sealed class CustomerAccountSettingsStore(CustomersDbContext db, SiteSettingsStore site)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private CustomerAccountSettings? _cached;

    public async Task<CustomerAccountSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is not null)
        {
            return _cached;
        }

        var properties = (await site.GetAsync(cancellationToken))?.Properties;
        var section = properties is null ? null : JsonNode.Parse(properties)?[CustomerAccountSettings.SectionName];
        _cached = section?.Deserialize<CustomerAccountSettings>(Json) ?? new CustomerAccountSettings();
        return _cached;
    }

    /// <summary>Stores the section in the tracked settings row; the caller saves.</summary>
    public async Task SetAsync(CustomerAccountSettings value, CancellationToken cancellationToken = default)
    {
        var settings = await db.SiteSettings.SingleAsync(cancellationToken);
        var properties = JsonNode.Parse(settings.Properties)?.AsObject() ?? [];
        properties[CustomerAccountSettings.SectionName] = JsonSerializer.SerializeToNode(value, Json);
        settings.Properties = properties.ToJsonString();
        _cached = value;
    }
}

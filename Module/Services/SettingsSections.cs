using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Commerce.Customers.Models;

namespace Commerce.Customers.Services;

/// <summary>
/// Feature settings live as named JSON sections in <see cref="SiteSettings.Properties"/>, so a
/// feature adds settings (and the <c>settings</c> recipe step can set them) without a migration.
/// </summary>
public static class SettingsSections
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static T Read<T>(SiteSettings? settings, string section) where T : class, new()
    {
        var node = settings is null ? null : JsonNode.Parse(settings.Properties)?[section];
        return node?.Deserialize<T>(Json) ?? new T();
    }

    /// <summary>Replaces the section in the (tracked) settings row; the caller saves.</summary>
    public static void Write<T>(SiteSettings settings, string section, T value)
    {
        var properties = JsonNode.Parse(settings.Properties)?.AsObject() ?? [];
        properties[section] = JsonSerializer.SerializeToNode(value, Json);
        settings.Properties = properties.ToJsonString();
    }
}

using System.Reflection;

namespace Commerce.Customers.Localization;

/// <summary>Says which resource type holds the translations for every type of an assembly (see <see cref="AssemblyResourceLocalizerFactory"/>).</summary>
public sealed record LocalizationResource(Assembly Assembly, Type ResourceType)
{
    public static LocalizationResource For<TResource>() => new(typeof(TResource).Assembly, typeof(TResource));
}

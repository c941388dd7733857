using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Localization;

/// <summary>
/// ASP.NET Core's resource-file localizer, with one resource per assembly instead of one per class:
/// a type of an assembly that registered a <see cref="LocalizationResource"/> reads that resource.
/// Other assemblies keep the framework's behaviour.
/// </summary>
public sealed class AssemblyResourceLocalizerFactory : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner;
    private readonly Dictionary<Assembly, Type> _resources;
    private readonly ConcurrentDictionary<Type, IStringLocalizer> _byResource = new();

    public AssemblyResourceLocalizerFactory(IOptions<LocalizationOptions> options, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory, IEnumerable<LocalizationResource> resources)
    {
        _inner = new ResourceManagerStringLocalizerFactory(options, loggerFactory);
        _resources = resources.GroupBy(resource => resource.Assembly).ToDictionary(group => group.Key, group => group.Last().ResourceType);
    }

    public IStringLocalizer Create(Type resourceSource) =>
        _resources.TryGetValue(resourceSource.Assembly, out var resource)
            ? _byResource.GetOrAdd(resource, type => _inner.Create(type))
            : _inner.Create(resourceSource);

    public IStringLocalizer Create(string baseName, string location) => _inner.Create(baseName, location);
}

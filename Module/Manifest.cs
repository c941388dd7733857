namespace Commerce.Customers;

/// <summary>
/// The module's identity and its features, in the shape of an Orchard Core manifest.
/// Recipes enable features by these ids, so they are part of the public contract.
/// </summary>
public static class Manifest
{
    public const string ModuleName = "Commerce.Customers";
    public const string Author = "Commerce.Customers";
    public const string Version = "0.1.0";

    public const string CustomersFeatureId = "Commerce.Customers";

    public static readonly ModuleFeature Customers = new(
        Id: CustomersFeatureId,
        Name: "Customers",
        Description: "The Customers admin application: list, create, edit and delete the shop's customers.",
        Dependencies: []);

    public static IReadOnlyList<ModuleFeature> Features { get; } = [Customers];

    public static ModuleFeature? FindFeature(string id) =>
        Features.FirstOrDefault(feature => string.Equals(feature.Id, id, StringComparison.Ordinal));
}

public sealed record ModuleFeature(string Id, string Name, string Description, IReadOnlyList<string> Dependencies);

namespace Commerce.Customers.Host.Localization;

/// <summary>The demo shop's one resource (ShopText.{culture}.resx), as ModuleText is the module's.</summary>
public sealed class ShopText;

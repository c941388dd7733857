using Commerce.Customers.Data;
using Commerce.Customers.Host.Localization;
using Commerce.Customers.Localization;
using Commerce.Customers.Orders;
using Commerce.Customers.Recipes;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Host.Shop;

/// <summary>The demo shop's composition: its orders behind the module's contract, its recipe step, its schema.</summary>
internal static class ShopSetup
{
    public static IServiceCollection AddDemoShop(this IServiceCollection services)
    {
        services.AddSingleton(LocalizationResource.For<ShopText>());
        services.AddScoped<ICustomerOrders, DemoShopOrders>();
        services.AddScoped<IRecipeStepHandler, ProductsStep>();
        services.AddScoped<IDatabaseMigrator, ShopMigrator>();
        return services;
    }
}

/// <summary>Brings the shop's tables up to date, on the module's connection.</summary>
internal sealed class ShopMigrator : IDatabaseMigrator
{
    public async Task MigrateAsync(CustomersDbContext customers, CancellationToken cancellationToken)
    {
        await customers.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var shop = ShopDbContext.On(customers);
            await shop.Database.MigrateQuietlyAsync(cancellationToken);
        }
        finally
        {
            await customers.Database.CloseConnectionAsync();
        }
    }
}

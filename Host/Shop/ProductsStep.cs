using Commerce.Customers.Data;
using Commerce.Customers.Recipes;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Host.Shop;

public sealed class ProductsStepModel : RecipeStepModel
{
    public List<ProductModel> Products { get; set; } = [];

    public sealed class ProductModel
    {
        public string Sku { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public decimal Price { get; set; }
        public string Currency { get; set; } = "USD";
        public bool MembersOnly { get; set; }
    }
}

/// <summary>The demo shop's recipe step: <c>{ "name": "products", "Products": [ { "Sku": "...", "Name": "...", "Price": 9.5 } ] }</c>.</summary>
internal sealed class ProductsStep(CustomersDbContext customers) : RecipeStepHandler<ProductsStepModel>
{
    public override string StepName => "products";

    protected override IEnumerable<string> Validate(ProductsStepModel step)
    {
        foreach (var product in step.Products)
        {
            if (string.IsNullOrWhiteSpace(product.Sku) || string.IsNullOrWhiteSpace(product.Name) || product.Price < 0)
            {
                yield return $"Product '{product.Sku}' needs a Sku, a Name and a price of zero or more.";
            }
        }

        foreach (var duplicate in step.Products.GroupBy(p => p.Sku, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return $"The Sku '{duplicate.Key}' appears more than once.";
        }
    }

    protected override async Task ExecuteAsync(ProductsStepModel step, CancellationToken cancellationToken)
    {
        await using var shop = ShopDbContext.On(customers);
        foreach (var model in step.Products)
        {
            var product = await shop.Products.SingleOrDefaultAsync(p => p.Sku == model.Sku, cancellationToken) ?? shop.Products.Add(new Product { Sku = model.Sku }).Entity;
            product.Name = model.Name;
            product.Description = model.Description;
            product.Price = model.Price;
            product.Currency = model.Currency;
            product.MembersOnly = model.MembersOnly;
        }

        await shop.SaveChangesAsync(cancellationToken);
    }
}

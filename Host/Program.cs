using Commerce.Customers;
using Commerce.Customers.Host;
using Commerce.Customers.Host.Shop;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, CommandLineSwitches.Mappings);
builder.AddCommerceCustomers();
builder.Services.AddDemoShop();

var app = builder.Build();
app.UseCommerceCustomers();
app.MapGet("/", () => Results.Redirect("/shop"));
app.MapCommerceCustomers();

await app.InitializeCommerceCustomersAsync();
await app.RunAsync();

/// <summary>The site's entry point; public so tests can host it.</summary>
public partial class Program;

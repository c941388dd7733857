using Commerce.Customers;
using Commerce.Customers.Host;
using Commerce.Customers.Host.Shop;
using Commerce.Customers.Tools;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, CommandLineSwitches.Mappings);
builder.AddCommerceCustomers();
builder.Services.AddDemoShop();

var app = builder.Build();
app.UseCommerceCustomers();
app.MapGet("/", () => Results.Redirect("/shop"));
// For load balancers, and the benchmark's trivial endpoint beside the list.
app.MapGet("/health", () => Results.Text("ok"));
app.MapCommerceCustomers();

await app.InitializeCommerceCustomersAsync();
if (await app.RunCommerceCustomersToolsAsync())
{
    return;
}

await app.RunAsync();

/// <summary>The site's entry point; public so tests can host it.</summary>
public partial class Program;

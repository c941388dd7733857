using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Tools;

/// <summary>
/// Commands a host runs instead of serving, such as <c>--generate-customers 1000000</c>
/// (configuration <c>CommerceCustomers:Tools:GenerateCustomers</c>).
/// </summary>
public static class ToolCommands
{
    /// <returns>True if a command ran, and the host should exit rather than serve.</returns>
    public static async Task<bool> RunCommerceCustomersToolsAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var tools = app.Configuration.GetSection($"{Startup.ConfigurationSection}:Tools");
        var count = tools.GetValue<int?>("GenerateCustomers");
        if (count is null)
        {
            return false;
        }

        var fraction = tools.GetValue("RegisteredFraction", 0.2);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ToolCommands));
        await using var scope = app.Services.CreateAsyncScope();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var progress = new Progress<int>(written => logger.LogWarning("Generated {Count:N0} customers so far.", written));
        var written = await scope.ServiceProvider.GetRequiredService<CustomerGeneration>().GenerateAsync(count.Value, fraction, progress, cancellationToken);
        // Warning level, so the line shows with the default console filter.
        logger.LogWarning("Generated {Count:N0} customers ({Fraction:P0} registered) in {Seconds:N1} s.", written, fraction, started.Elapsed.TotalSeconds);
        return true;
    }
}

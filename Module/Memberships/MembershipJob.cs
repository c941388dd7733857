using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Memberships;

/// <summary>
/// Runs <see cref="MembershipLifecycle"/> on every node, every <c>CommerceCustomers:Memberships:CheckInterval</c>
/// (one minute by default; <c>JobEnabled=false</c> turns it off on a node), timed by the site's TimeProvider so tests can move time forward.
/// </summary>
internal sealed class MembershipJob(
    IServiceScopeFactory scopeFactory,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<MembershipJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var section = configuration.GetSection($"{Startup.ConfigurationSection}:Memberships");
        if (!section.GetValue("JobEnabled", true))
        {
            return;
        }

        // Timers take at most about 49 days; a day is long enough for any sensible interval.
        var interval = TimeSpan.FromTicks(Math.Clamp(section.GetValue("CheckInterval", TimeSpan.FromMinutes(1)).Ticks, TimeSpan.TicksPerSecond, TimeSpan.TicksPerDay));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var pass = await scope.ServiceProvider.GetRequiredService<MembershipLifecycle>().ProcessDueAsync(stoppingToken);
                if (pass.Total > 0)
                {
                    logger.LogInformation("Memberships: {Expired} expired, {Activated} started, {Reminded} reminded.", pass.Expired, pass.Activated, pass.Reminded);
                }

                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be briefly unreachable or not set up yet; the work waits in it.
                logger.LogWarning(exception, "The membership job could not run; it will try again.");
                try
                {
                    await Task.Delay(interval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

using Microsoft.Extensions.Hosting;

namespace Commerce.Customers.Security;

/// <summary>Loads zxcvbn into the first Jint engine in the background, so the first admin to save a password does not wait for it.</summary>
internal sealed class PasswordStrengthWarmUp(PasswordStrengthEstimator estimator) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => estimator.Estimate("warm-up", []), stoppingToken);
}

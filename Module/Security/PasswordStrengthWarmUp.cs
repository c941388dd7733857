using Microsoft.Extensions.Hosting;

namespace Commerce.Customers.Security;

/// <summary>Loads zxcvbn into the first Jint engine in the background, so the first admin to save a password does not wait for it.</summary>
internal sealed class PasswordStrengthWarmUp(PasswordStrengthEstimator estimator) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Run(() => estimator.Estimate("warm-up", []), stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // The site stopped (or failed to start) before the warm-up ran; a cancelled warm-up must not read as a crash.
        }
    }
}

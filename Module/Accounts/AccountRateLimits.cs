using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Limits sign-in, registration and reset requests per client IP (configuration
/// <c>CommerceCustomers:Accounts:RequestsPerMinutePerIp</c>, default 20). Identity's lockout
/// protects each account; this protects the site from one client trying many.
/// </summary>
internal static class AccountRateLimits
{
    public const string PolicyName = "account-forms";

    public static IServiceCollection AddAccountRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Accounts:RequestsPerMinutePerIp", 20);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }
}

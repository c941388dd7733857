using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Limits every post that takes a password or creates an account (both sign-ins, registration,
/// forgot and set password, change password, checkout) per client IP (configuration
/// <c>CommerceCustomers:Accounts:RequestsPerMinutePerIp</c>, default 20). Identity's lockout
/// protects each account, behind <see cref="SignInThrottle"/>; this protects the site from one
/// client trying many accounts, and its CPU from one client's password hashes.
/// </summary>
public static class AccountRateLimits
{
    public const string PolicyName = "account-forms";

    public static IServiceCollection AddAccountRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Accounts:RequestsPerMinutePerIp", 20);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientOf(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    /// <summary>Who a request comes from, for per-client limits: the connection's address (behind a proxy, configure forwarded headers).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// The in-memory test server gives every request the same (empty) client address, so per-client
/// limits cannot tell an attacker from the account's owner. In tests only, a request may name its
/// client address in a header; the site then sees it as the connection's remote address.
/// </summary>
public static class ClientAddresses
{
    public const string Header = "X-Test-Client-Address";
    private static int _last;

    /// <summary>An address no other client of this test run has, in 10.64.0.0/10.</summary>
    public static string Next()
    {
        var n = Interlocked.Increment(ref _last);
        return $"10.{64 + ((n >> 16) & 63)}.{(n >> 8) & 255}.{n & 255}";
    }

    /// <summary>Makes every request of <paramref name="client"/> come from <paramref name="address"/>, such as 10.0.0.7.</summary>
    public static SiteClient From(this SiteClient client, string address)
    {
        client.Http.DefaultRequestHeaders.Remove(Header);
        client.Http.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    /// <summary>Runs first in the site's pipeline, before the rate limiter and sign-in read the address.</summary>
    internal sealed class FromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

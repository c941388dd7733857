using Microsoft.AspNetCore.Http;

namespace Commerce.Customers.Security;

/// <summary>
/// A sign-in that still owes something keeps its user on the one page where they settle it, until
/// they have: a password an administrator chose must be replaced (the change-password page), and
/// staff on a site that requires a second factor must set one up (their Security page). Signing
/// out, the page's own assets and the error pages are always allowed.
/// </summary>
internal sealed class UnfinishedSignInMiddleware(RequestDelegate next)
{
    private static readonly (string Claim, string Page)[] Owed =
    [
        (ShopUserClaimsPrincipalFactory.MustChangePasswordClaim, "/account/change-password"),
        (ShopUserClaimsPrincipalFactory.NeedsSecondFactorClaim, "/account/security"),
    ];

    private static readonly string[] AlwaysAllowed = ["/admin/logout", "/account/logout", "/password-tips", "/_content", "/error", "/language"];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        foreach (var (claim, page) in Owed)
        {
            if (!context.User.HasClaim(c => c.Type == claim))
            {
                continue;
            }

            if (!path.StartsWithSegments(page) && !AlwaysAllowed.Any(allowed => path.StartsWithSegments(allowed)))
            {
                context.Response.Redirect($"{page}?returnUrl={Uri.EscapeDataString(path + context.Request.QueryString)}");
                return Task.CompletedTask;
            }

            // Settled one thing at a time: the first owed decides where the user may be.
            break;
        }

        return next(context);
    }
}

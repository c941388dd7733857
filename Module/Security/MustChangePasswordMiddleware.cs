using Microsoft.AspNetCore.Http;

namespace Commerce.Customers.Security;

/// <summary>
/// A user whose password an administrator chose must choose their own before doing anything
/// else: every page sends them to the change-password page until they have. Signing out is
/// always allowed, in the admin and on the site.
/// </summary>
internal sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    private const string ChangePasswordPath = "/account/change-password";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var exempt = path.StartsWithSegments(ChangePasswordPath) || path.StartsWithSegments("/admin/logout") || path.StartsWithSegments("/account/logout") || path.StartsWithSegments("/password-tips")
            || path.StartsWithSegments("/_content") || path.StartsWithSegments("/error");
        if (!exempt && context.User.HasClaim(claim => claim.Type == ShopUserClaimsPrincipalFactory.MustChangePasswordClaim))
        {
            context.Response.Redirect($"{ChangePasswordPath}?returnUrl={Uri.EscapeDataString(path + context.Request.QueryString)}");
            return Task.CompletedTask;
        }

        return next(context);
    }
}

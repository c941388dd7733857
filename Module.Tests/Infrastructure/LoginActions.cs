using System.Net;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>The three buttons of the Login details tab.</summary>
public enum LoginAction
{
    Create,
    Generate,
    Save,
}

/// <summary>Clicks the Login details tab's buttons over HTTP, as an admin's browser posts the form.</summary>
public static class LoginActions
{
    public static string TabUrl(int customerId) => $"/admin/customers/{customerId}/login-details";

    /// <summary>Loads the tab for its antiforgery token, then posts the action; a typed password is made up for Save.</summary>
    public static async Task<HttpStatusCode> PostAsync(SiteClient admin, int customerId, LoginAction action)
    {
        using var response = await admin.PostFormAsync(TabUrl(customerId), Fields(action));
        return response.StatusCode;
    }

    /// <summary>Posts the action with a token taken earlier, as a form left open in a browser does.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(SiteClient admin, string token, int customerId, LoginAction action)
    {
        using var content = new FormUrlEncodedContent([.. Fields(action), new("__RequestVerificationToken", token)]);
        return await admin.Http.PostAsync(new Uri(TabUrl(customerId), UriKind.Relative), content);
    }

    /// <summary>Whether the customer can sign in with the password (the sign-in page redirects on success).</summary>
    public static async Task<bool> SignsInAsync(SiteClient visitor, string email, string password)
    {
        using var response = await visitor.PostFormAsync("/admin/login", [new("Email", email), new("Password", password)]);
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    private static List<KeyValuePair<string, string>> Fields(LoginAction action) => action switch
    {
        LoginAction.Create => [new("Action", "create")],
        LoginAction.Generate => [new("Action", "generate")],
        _ => TypedPassword() is var typed ? [new("Action", "save"), new("Password", typed), new("ConfirmPassword", typed)] : [],
    };

    // Four random words' worth of characters: strong enough for any minimum the site may require.
    private static string TypedPassword() => "Typed-" + Guid.NewGuid().ToString("N")[..12] + "-Walrus-Quasar";
}

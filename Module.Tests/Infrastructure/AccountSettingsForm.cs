using System.Net;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>The Customer accounts settings page, posted as an administrator would.</summary>
public static class AccountSettingsForm
{
    /// <summary>
    /// Saves the settings the demo recipe starts with (registration on), with <paramref name="changes"/> applied.
    /// Tests that register and sign in at once pass <c>("RequireEmailConfirmation", "false")</c>.
    /// </summary>
    public static async Task SaveAsync(TestSite site, params (string Field, string Value)[] changes)
    {
        using var admin = await site.AdminClientAsync();
        using var response = await admin.PostFormAsync("/admin/settings/customer-accounts", Fields(changes));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The form's fields as the demo recipe sets them (staff sign in with a password alone), with <paramref name="changes"/> applied.</summary>
    public static Dictionary<string, string> Fields(params (string Field, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["EnableRegistration"] = "true", ["AllowPasswordReset"] = "true", ["MinimumPasswordStrength"] = "Average", ["NotificationMode"] = "EmailPassword",
            ["RequireStaffSecondFactor"] = "false",
        };
        foreach (var (field, value) in changes)
        {
            fields[field] = value;
        }

        return fields;
    }

    /// <summary>Lets self-registered accounts sign in before they confirm their email.</summary>
    public static Task AllowUnconfirmedSignInAsync(TestSite site) => SaveAsync(site, ("RequireEmailConfirmation", "false"));
}

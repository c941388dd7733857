using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Commerce.Customers.Controllers;

/// <summary>One-time messages shown on the next page ("Customer was saved."), carried in TempData.</summary>
public static class Notifications
{
    public const string SuccessKey = "Notification.Success";
    public const string ErrorKey = "Notification.Error";

    public static void Success(this ITempDataDictionary tempData, string message) => tempData[SuccessKey] = message;

    public static void Error(this ITempDataDictionary tempData, string message) => tempData[ErrorKey] = message;

    /// <summary>An action's outcome on the next page: its message, or its refusals.</summary>
    public static void Show(this ITempDataDictionary tempData, Commerce.Customers.Accounts.LoginActionResult result)
    {
        if (result.Succeeded)
        {
            tempData.Success(result.Message ?? "");
        }
        else
        {
            tempData.Error(string.Join(" ", result.Errors.Select(error => error.Message)));
        }
    }
}

using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Commerce.Customers.Controllers;

/// <summary>One-time messages shown on the next page ("Customer was saved."), carried in TempData.</summary>
public static class Notifications
{
    public const string SuccessKey = "Notification.Success";
    public const string ErrorKey = "Notification.Error";

    public static void Success(this ITempDataDictionary tempData, string message) => tempData[SuccessKey] = message;

    public static void Error(this ITempDataDictionary tempData, string message) => tempData[ErrorKey] = message;
}

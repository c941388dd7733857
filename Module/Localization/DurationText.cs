using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Localization;

/// <summary>A duration as people say it ("30 seconds", "1 hour 30 minutes"), in the request's language.</summary>
public static class DurationText
{
    /// <summary>The two largest whole units of <paramref name="value"/>; anything under a second reads as seconds.</summary>
    public static string Of(TimeSpan value, IStringLocalizer S)
    {
        var parts = new List<string>();
        var rest = value.Duration();
        if (rest.Days > 0)
        {
            parts.Add(rest.Days == 1 ? S["1 day"] : S["{0} days", rest.Days]);
        }

        if (rest.Hours > 0)
        {
            parts.Add(rest.Hours == 1 ? S["1 hour"] : S["{0} hours", rest.Hours]);
        }

        if (rest.Minutes > 0)
        {
            parts.Add(rest.Minutes == 1 ? S["1 minute"] : S["{0} minutes", rest.Minutes]);
        }

        if (rest.Seconds > 0 || parts.Count == 0)
        {
            parts.Add(rest.Seconds == 1 ? S["1 second"] : S["{0} seconds", rest.Seconds]);
        }

        return string.Join(" ", parts.Take(2));
    }
}

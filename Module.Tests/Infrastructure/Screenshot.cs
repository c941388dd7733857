using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Infrastructure;

public static class Screenshot
{
    /// <summary>Saves a picture for people to look at when COMMERCE_SCREENSHOTS names a folder.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("COMMERCE_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}

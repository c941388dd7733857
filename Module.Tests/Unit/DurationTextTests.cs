using Commerce.Customers.Localization;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Tests.Unit;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(30, "30 seconds")]
    [InlineData(1, "1 second")]
    [InlineData(0, "0 seconds")]
    [InlineData(60, "1 minute")]
    [InlineData(90, "1 minute 30 seconds")]
    [InlineData(3600, "1 hour")]
    [InlineData(5400, "1 hour 30 minutes")]
    [InlineData(3661, "1 hour 1 minute")]
    [InlineData(86400 * 2 + 7200, "2 days 2 hours")]
    public void Durations_read_as_people_say_them(int seconds, string expected) =>
        Assert.Equal(expected, DurationText.Of(TimeSpan.FromSeconds(seconds), new EnglishKeys()));

    /// <summary>English needs no resource: the key is the sentence.</summary>
    private sealed class EnglishKeys : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}

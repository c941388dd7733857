using Commerce.Customers.Localization;

namespace Commerce.Customers.Tests.Unit;

/// <summary>How an imported Language cell reads: a supported language in any case or regional form, empty for the site's, anything else refused.</summary>
public sealed class SupportedCulturesTests
{
    [Theory]
    [InlineData("de", "de")]
    [InlineData("DE", "de")]
    [InlineData("de-AT", "de")]
    [InlineData("de_at", "de")]
    [InlineData(" en_GB ", "en")]
    [InlineData("en-Latn-US", "en")]
    [InlineData("EN", "en")]
    public void A_supported_language_reads_as_its_neutral_culture(string text, string expected)
    {
        Assert.True(SupportedCultures.TryParse(text, out var culture));
        Assert.Equal(expected, culture);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_means_the_sites_language(string? text)
    {
        Assert.True(SupportedCultures.TryParse(text, out var culture));
        Assert.Null(culture);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("xx")]
    [InlineData("fr-DE")]
    [InlineData("'; drop table")]
    [InlineData("de-'; drop")]
    [InlineData("de x")]
    [InlineData("de-")]
    [InlineData("deutsch")]
    [InlineData("d")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(SupportedCultures.TryParse(text, out var culture));
        Assert.Null(culture);
    }
}

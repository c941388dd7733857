using Commerce.Customers.Services;

namespace Commerce.Customers.Tests.Unit;

public sealed class PrefixRangeTests
{
    [Fact]
    public void Range_ends_below_the_prefix_with_its_last_character_incremented()
    {
        var range = PrefixRange.For("MAR");

        Assert.Equal("MAR", range.From);
        Assert.Equal("MAS", range.Below);
    }

    [Theory]
    [InlineData("MARTIN", true)]
    [InlineData("MAR", true)]
    [InlineData("MARZZZ", true)]
    [InlineData("MAS", false)]
    [InlineData("MAQ", false)]
    [InlineData("MA", false)]
    [InlineData("", false)]
    public void Range_contains_exactly_the_strings_with_the_prefix(string value, bool expected)
    {
        var range = PrefixRange.For("MAR");

        Assert.Equal(expected, range.Contains(value));
        Assert.Equal(value.StartsWith("MAR", StringComparison.Ordinal), range.Contains(value));
    }

    [Fact]
    public void A_prefix_ending_in_a_surrogate_has_no_upper_bound_but_still_matches_by_prefix()
    {
        var prefix = "A\uD83D";
        var range = PrefixRange.For(prefix);

        Assert.Null(range.Below);
        Assert.True(range.Contains("A\uD83D\uDE00"));
        Assert.False(range.Contains("B"));
    }

    [Fact]
    public void Empty_prefix_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PrefixRange.For(""));
    }
}

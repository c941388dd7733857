using Commerce.Customers.Services;

namespace Commerce.Customers.Tests.Unit;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(null, "")]
    [InlineData("Martin, Jr.", "\"Martin, Jr.\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1 555", "'+1 555")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    public void Fields_are_quoted_and_formulas_defused(string? value, string expected)
    {
        Assert.Equal(expected, Csv.Field(value));
    }

    [Fact]
    public void A_line_ends_with_crlf()
    {
        Assert.Equal("a,\"b,c\",\r\n", Csv.Line("a", "b,c", null));
    }
}

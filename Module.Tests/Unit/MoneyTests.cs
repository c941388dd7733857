using System.Globalization;
using Commerce.Customers.Localization;

namespace Commerce.Customers.Tests.Unit;

/// <summary>Amounts in the viewer's number format, always with their currency, with each currency's own decimals.</summary>
public sealed class MoneyTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");

    [Fact]
    public void English_and_German_group_and_separate_decimals_their_own_way()
    {
        Assert.Equal("1,234.50 USD", Money.Format(1234.5m, "USD", English));
        Assert.Equal("1.234,50 USD", Money.Format(1234.5m, "USD", German));
        Assert.Equal("0,00 EUR", Money.Format(0m, "EUR", German));
    }

    [Fact]
    public void A_currency_has_its_own_number_of_decimals()
    {
        Assert.Equal("1,235 JPY", Money.Format(1234.6m, "JPY", English));
        Assert.Equal("1.500 BHD", Money.Format(1.5m, "BHD", English));
        Assert.Equal("1.50 XYZ", Money.Format(1.5m, "XYZ", English));
    }

    [Fact]
    public void Ledger_entries_carry_a_sign_and_inputs_stay_invariant()
    {
        Assert.Equal("+25,00 USD", Money.FormatSigned(25m, "USD", German));
        Assert.Equal("\u221210.00 USD", Money.FormatSigned(-10m, "USD", English));
        using var _ = new CultureScope(German);
        Assert.Equal("12.50", Money.InputValue(12.5m));
    }
}

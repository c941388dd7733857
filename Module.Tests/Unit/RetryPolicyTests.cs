using Commerce.Customers.Notifications;

namespace Commerce.Customers.Tests.Unit;

public sealed class RetryPolicyTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(1, 15, 30)]
    [InlineData(2, 30, 60)]
    [InlineData(3, 60, 120)]
    [InlineData(4, 120, 240)]
    public void Delays_double_with_each_attempt_within_their_jitter_band(int attempt, double minSeconds, double maxSeconds)
    {
        Assert.Equal(minSeconds, RetryPolicy.DelayAfter(attempt, Base, Max, random: 0).TotalSeconds, precision: 6);
        Assert.Equal(maxSeconds, RetryPolicy.DelayAfter(attempt, Base, Max, random: 0.999999).TotalSeconds, precision: 3);
    }

    [Fact]
    public void Delays_never_exceed_the_maximum()
    {
        Assert.Equal(Max, RetryPolicy.DelayAfter(40, Base, Max, random: 1));
    }
}

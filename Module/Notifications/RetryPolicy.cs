namespace Commerce.Customers.Notifications;

/// <summary>
/// Exponential backoff with jitter: attempt n waits about base × 2^(n-1), capped, with the upper
/// half randomized so that many failed messages do not all retry in the same second.
/// </summary>
public static class RetryPolicy
{
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="random">A number in [0, 1).</param>
    public static TimeSpan DelayAfter(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var full = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((full / 2) + (full / 2 * random));
    }
}

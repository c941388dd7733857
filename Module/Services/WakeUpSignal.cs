namespace Commerce.Customers.Services;

/// <summary>
/// Wakes a background worker on this node when work was queued here, so it need not wait for its
/// next poll. Other nodes still find the work by polling. Each worker has its own subclass, so
/// each is its own singleton.
/// </summary>
public abstract class WakeUpSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up is enough.
        }
    }

    public void Dispose()
    {
        _signal.Dispose();
        GC.SuppressFinalize(this);
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _signal.WaitAsync(timeout, cancellationToken);
}

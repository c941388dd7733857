using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Accounts;

/// <summary>How long one client's wrong passwords for one account are remembered (<c>CommerceCustomers:Accounts:SignInThrottleWindow</c>).</summary>
public sealed class SignInThrottleOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// The per-client throttle in front of Identity's lockout. Lockout alone lets anyone lock anyone
/// out: five wrong passwords every five minutes keep an account closed for good. So:
/// <list type="bullet">
/// <item>one client (IP) gets at most <c>MaxFailedAccessAttempts - 1</c> wrong passwords per account
/// in any <see cref="SignInThrottleOptions.Window"/>; after that it is held back for that account
/// (its attempts fail without being counted), while the owner elsewhere still signs in;</item>
/// <item>Identity's count of an account's failures starts afresh when its last counted failure is
/// older than <c>Window / MaxFailedAccessAttempts</c>. A lockout then needs
/// <c>MaxFailedAccessAttempts</c> failures that close together, more than one client can give in one
/// window: it takes guesses from several clients, which is what lockout is for.</item>
/// </list>
/// It lives in this node's memory (bounded; on a farm each node throttles on its own), which is
/// enough: what it protects against is one client's persistence.
/// </summary>
public sealed class SignInThrottle(IOptions<IdentityOptions> identity, IOptions<SignInThrottleOptions> options, TimeProvider clock) : IDisposable
{
    private const int MaxRemembered = 100_000;
    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    private int PerClient => Math.Max(1, identity.Value.Lockout.MaxFailedAccessAttempts - 1);

    private TimeSpan Window => options.Value.Window;

    private TimeSpan CountMemory => Window / (PerClient + 1);

    /// <summary>Whether this client used up its wrong passwords for this account.</summary>
    public bool IsHeldBack(string client, string account) =>
        _memory.TryGetValue(ClientKey(client, account), out Failures? failures) && failures!.CountSince(clock.GetUtcNow() - Window) >= PerClient;

    public void RecordFailure(string client, string account)
    {
        var failures = _memory.GetOrCreate(ClientKey(client, account), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = Window;
            return new Failures(PerClient);
        });
        failures?.Add(clock.GetUtcNow());
    }

    /// <summary>Whether the account's failure count should start afresh before this attempt counts.</summary>
    public bool CountIsStale(string userId) =>
        !_memory.TryGetValue(AccountKey(userId), out DateTimeOffset last) || clock.GetUtcNow() - last > CountMemory;

    public void RecordCountedFailure(string userId) =>
        _memory.Set(AccountKey(userId), clock.GetUtcNow(), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CountMemory });

    public void Dispose() => _memory.Dispose();

    private static string ClientKey(string client, string account) => "client:" + client + "\n" + account;

    private static string AccountKey(string userId) => "account:" + userId;

    /// <summary>The times of a client's last few wrong passwords for one account.</summary>
    private sealed class Failures(int keep)
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public void Add(DateTimeOffset time)
        {
            lock (_times)
            {
                _times.Enqueue(time);
                while (_times.Count > keep)
                {
                    _times.Dequeue();
                }
            }
        }

        public int CountSince(DateTimeOffset since)
        {
            lock (_times)
            {
                return _times.Count(time => time > since);
            }
        }
    }
}

using Commerce.Customers.Models;

namespace Commerce.Customers.Services;

/// <summary>
/// The site's settings row, kept between requests: every admin page and most customer pages read
/// it (name, features), so this saves a database round trip on nearly every request. A change saved
/// on this node is seen at once: the context bumps <see cref="Version"/> when a write of the row commits.
/// A change made by another node is seen within <see cref="MaxAge"/>.
/// </summary>
public sealed class SiteSettingsCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private static long _version;
    private Entry? _entry;

    /// <summary>Bumped whenever a write of the settings row commits, in any site of this process.</summary>
    public static long Version => Interlocked.Read(ref _version);

    public static void Invalidate() => Interlocked.Increment(ref _version);

    public bool TryGet(out SiteSettings? settings)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && entry.Version == Version && clock.GetUtcNow() - entry.LoadedAt < MaxAge)
        {
            settings = entry.Settings;
            return true;
        }

        settings = null;
        return false;
    }

    /// <param name="versionBeforeRead">The version read before the query, so a write that commits meanwhile is not hidden.</param>
    public void Set(SiteSettings? settings, long versionBeforeRead) =>
        Volatile.Write(ref _entry, new Entry(settings, versionBeforeRead, clock.GetUtcNow()));

    private sealed record Entry(SiteSettings? Settings, long Version, DateTimeOffset LoadedAt);
}

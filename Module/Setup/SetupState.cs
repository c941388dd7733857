using Commerce.Customers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Setup;

/// <summary>
/// Whether the site has been set up. A site never goes back to "not set up", so once seen
/// the answer is kept for the life of the process and costs nothing per request.
/// </summary>
public sealed class SetupState(IServiceScopeFactory scopeFactory)
{
    private volatile bool _isSetUp;

    public async Task<bool> IsSetUpAsync(CancellationToken cancellationToken = default)
    {
        if (_isSetUp)
        {
            return true;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        _isSetUp = await db.SiteSettings.AnyAsync(cancellationToken);
        return _isSetUp;
    }

    public void MarkSetUp() => _isSetUp = true;
}

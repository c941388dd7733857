namespace Commerce.Customers.Data;

/// <summary>Looks through an exception and the ones it wraps: EF Core and the providers nest the cause.</summary>
internal static class ExceptionChain
{
    public static bool Contains(Exception? exception, Func<Exception, bool> match)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (match(current))
            {
                return true;
            }
        }

        return false;
    }
}

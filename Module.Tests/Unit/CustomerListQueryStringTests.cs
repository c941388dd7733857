using Commerce.Customers.Services;
using Commerce.Customers.ViewModels;

namespace Commerce.Customers.Tests.Unit;

public sealed class CustomerListQueryStringTests
{
    [Fact]
    public void Defaults_to_newest_first_fifty_a_page()
    {
        var filter = new CustomerListQueryString().ToFilter();

        Assert.Equal(CustomerSort.Created, filter.Sort);
        Assert.True(filter.Descending);
        Assert.Equal(50, filter.PageSize);
        Assert.Null(filter.Registered);
        Assert.Null(filter.Search);
    }

    [Fact]
    public void Nonsense_values_fall_back_to_defaults()
    {
        var filter = new CustomerListQueryString { Sort = "'; drop table", Dir = "sideways", Registered = "maybe", Size = -5, Q = "   " }.ToFilter();

        Assert.Equal(CustomerSort.Created, filter.Sort);
        Assert.False(filter.Descending);
        Assert.Null(filter.Registered);
        Assert.Equal(50, filter.PageSize);
        Assert.Null(filter.Search);
    }

    [Fact]
    public void Column_sort_starts_ascending_and_registered_filter_reads_yes_and_no()
    {
        var filter = new CustomerListQueryString { Sort = "lastname", Registered = "No", Size = 25 }.ToFilter();

        Assert.Equal(CustomerSort.LastName, filter.Sort);
        Assert.False(filter.Descending);
        Assert.False(filter.Registered);
        Assert.Equal(25, filter.PageSize);
    }
}

using Fluid;
using Fluid.Values;

namespace Commerce.Customers.Notifications;

/// <summary>
/// Wraps every Liquid filter so that no filter makes a string or list past the render's bounds.
/// A step is one statement however much it builds: <c>{% assign s = s | append: s %}</c> doubles a
/// string each step, and 24 steps grew the process by 550 MB. The checks before a filter runs catch
/// the filters whose result can be far larger than their input (<c>replace</c>, and filters that
/// join a list of shared strings); the check after it catches everything else.
/// </summary>
internal static class BoundedFilters
{
    public static void Apply(FilterCollection filters)
    {
        foreach (var (name, filter) in filters.ToList())
        {
            filters.AddFilter(name, async (input, arguments, context) =>
            {
                var budget = RenderBudget.Of(context);
                budget.CheckTime();
                budget.CheckLength(LongestResult(name, input, arguments));
                var result = await filter(input, arguments, context);
                Check(budget, result);
                return result;
            });
        }
    }

    /// <summary>An upper bound of what the filter can build, where that is far more than its input.</summary>
    private static long LongestResult(string name, FluidValue input, FilterArguments arguments)
    {
        if (input is ArrayValue list)
        {
            // Items are shared references, so a list of 10,000 copies of one long string is cheap to hold and huge to join.
            var separator = arguments.Count > 0 ? arguments.At(0).ToStringValue().Length : 1;
            return list.Values.Sum(item => (long)item.ToStringValue().Length) + (long)separator * list.Values.Count;
        }

        if (name is "replace" && arguments.Count > 0)
        {
            var text = input.ToStringValue().Length;
            var pattern = Math.Max(1, arguments.At(0).ToStringValue().Length);
            var replacement = arguments.Count > 1 ? arguments.At(1).ToStringValue().Length : 0;
            return text + (long)(text / pattern + 1) * replacement;
        }

        return 0;
    }

    private static void Check(RenderBudget budget, FluidValue result)
    {
        switch (result)
        {
            case StringValue text:
                budget.CheckLength(text.ToStringValue().Length);
                break;
            case ArrayValue list:
                budget.CheckItems(list.Values.Count);
                break;
        }
    }
}

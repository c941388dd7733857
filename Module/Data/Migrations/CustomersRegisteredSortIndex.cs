namespace Commerce.Customers.Data.Migrations;

/// <summary>
/// The index behind the Customers list's "Is registered" sort, keyed on the expression the list
/// orders by (<c>CustomerListQuery</c>'s registered key) and then the id, as every list index is.
/// <c>ListQueryPlanTests</c> prove each provider's planner reads it in order.
/// </summary>
internal static class CustomersRegisteredSortIndex
{
    public const string Create = """
        CREATE INDEX "IX_Customers_IsRegistered_Id" ON "Customers" ((CASE WHEN "UserId" IS NOT NULL THEN 1 ELSE 0 END), "Id");
        """;

    public const string Drop = """
        DROP INDEX "IX_Customers_IsRegistered_Id";
        """;
}

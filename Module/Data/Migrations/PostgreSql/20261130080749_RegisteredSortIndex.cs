using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Customers.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RegisteredSortIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The list's "Is registered" sort orders by this expression, exactly as EF writes it;
            // an index on the same expression gives that order without sorting the table.
            // EF has no expression indexes in its model, hence raw SQL (the same on both providers).
            migrationBuilder.Sql(CustomersRegisteredSortIndex.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CustomersRegisteredSortIndex.Drop);
        }
    }
}

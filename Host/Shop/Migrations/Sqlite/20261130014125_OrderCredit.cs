using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Customers.Host.Shop.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrderCredit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "CreditApplied",
                table: "ShopOrders",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreditApplied",
                table: "ShopOrders");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Customers.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SelfRegisteredLogins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RegisteredThemselves",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RegisteredThemselves",
                table: "AspNetUsers");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Customers.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SiteBaseUrl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BaseUrl",
                table: "SiteSettings",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BaseUrl",
                table: "SiteSettings");
        }
    }
}

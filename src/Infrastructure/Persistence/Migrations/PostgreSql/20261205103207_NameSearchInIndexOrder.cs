using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Auth.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class NameSearchInIndexOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Users_NormalizedFullName",
                table: "Users");

            migrationBuilder.CreateIndex(
                name: "IX_Users_NormalizedFullName_Id",
                table: "Users",
                columns: new[] { "NormalizedFullName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Users_NormalizedFullName_Id",
                table: "Users");

            migrationBuilder.CreateIndex(
                name: "IX_Users_NormalizedFullName",
                table: "Users",
                column: "NormalizedFullName");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Auth.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FactorBinding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BoundAt",
                table: "Passkeys",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BoundAt",
                table: "Devices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SubjectId",
                table: "AccountTokens",
                type: "TEXT",
                nullable: true);

            // Factors enrolled before binding existed keep the level they gave (not binding them would quietly lower
            // every existing user's sign-ins); from now on, a factor enrolled from a password-only session is bound
            // only through the mailbox.
            migrationBuilder.Sql("UPDATE \"Devices\" SET \"BoundAt\" = \"CreatedAt\" WHERE \"Status\" = 'Active';");
            migrationBuilder.Sql("UPDATE \"Passkeys\" SET \"BoundAt\" = \"CreatedAt\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BoundAt",
                table: "Passkeys");

            migrationBuilder.DropColumn(
                name: "BoundAt",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "SubjectId",
                table: "AccountTokens");
        }
    }
}

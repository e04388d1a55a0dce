using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Auth.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RetentionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TfaChallenges_ExpiresAt",
                table: "TfaChallenges",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_ExpiresAt",
                table: "Sessions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_KnownDevices_LastUsedAt",
                table: "KnownDevices",
                column: "LastUsedAt");

            migrationBuilder.CreateIndex(
                name: "IX_EmailCodes_ExpiresAt",
                table: "EmailCodes",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_AccountTokens_ExpiresAt",
                table: "AccountTokens",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TfaChallenges_ExpiresAt",
                table: "TfaChallenges");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_ExpiresAt",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_KnownDevices_LastUsedAt",
                table: "KnownDevices");

            migrationBuilder.DropIndex(
                name: "IX_EmailCodes_ExpiresAt",
                table: "EmailCodes");

            migrationBuilder.DropIndex(
                name: "IX_AccountTokens_ExpiresAt",
                table: "AccountTokens");
        }
    }
}

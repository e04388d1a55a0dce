using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Auth.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <summary>
    /// Trigram indexes for the admin list's <c>contains</c> (text anywhere in an address or a name). <c>pg_trgm</c> is a
    /// trusted extension: the database's owner may install it; a user who may not gets a notice, and no indexes.
    /// </summary>
    public partial class UserSubstringSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    CREATE EXTENSION IF NOT EXISTS pg_trgm;
                EXCEPTION WHEN insufficient_privilege OR feature_not_supported OR undefined_file THEN
                    RAISE NOTICE 'pg_trgm is not installed (%): the admin list''s contains reads the whole Users table', SQLERRM;
                END $$;
                """);
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
                        CREATE INDEX IF NOT EXISTS "IX_Users_NormalizedEmail_Trigram" ON "Users" USING gin ("NormalizedEmail" gin_trgm_ops);
                        CREATE INDEX IF NOT EXISTS "IX_Users_NormalizedFullName_Trigram" ON "Users" USING gin ("NormalizedFullName" gin_trgm_ops);
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The extension stays: other schemas may use it.
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Users_NormalizedFullName_Trigram";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Users_NormalizedEmail_Trigram";""");
        }
    }
}

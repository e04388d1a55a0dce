#!/usr/bin/env python3
"""Fills an Auth database (already migrated) with rows shaped like the service's own, by SQL, in a minute or two.

    seed.py sqlite <path to auth.db> <users> <audit events> <sessions>
    seed.py postgresql "<psql connection: -h ... -p ... -U ... -d ...>" <users> <audit events> <sessions>

Users u1..uN@example.com, named "<first name> N" (twenty first names, so a name prefix matches one in twenty),
created one a minute over the last years; audit events over the last two years (half older than a year, for the
retention job); sessions for the first users, each with one refresh token, a tenth of them ended long ago.
"""
import subprocess
import sqlite3
import sys
import time

FIRST_NAMES = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy",
               "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Uma", "Victor", "Walter"]
TYPES = ["login.succeeded", "login.failed", "tfa.passed", "session.revoked", "password.changed", "tfa.failed"]
DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2VlZGVkc2VlZGVkc2VlZA$c2VlZGVkc2VlZGVkc2VlZGVkc2VlZGVkc2VlZGVkc2U"
TICKS_PER_SECOND = 10_000_000
UNIX_EPOCH_TICKS = 621_355_968_000_000_000


def sqlite_seed(path, users, events, sessions):
    now = int(time.time())
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.create_function("first_name", 1, lambda i: FIRST_NAMES[i % len(FIRST_NAMES)])
    db.create_function("event_type", 1, lambda i: TYPES[i % len(TYPES)])
    ticks = lambda seconds: UNIX_EPOCH_TICKS + seconds * TICKS_PER_SECOND  # noqa: E731
    start = now - users * 60 - 86400
    # Guids as EF Core stores them on SQLite: upper-case text.
    db.execute(f"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {users})
        INSERT INTO "Users" ("Id", "Email", "NormalizedEmail", "FullName", "NormalizedFullName", "PasswordHash",
            "CreatedAt", "PasswordChangedAt", "Roles", "EmailVerifiedAt", "SecurityStamp", "SecondFactorFailures")
        SELECT printf('%08X-0000-7000-8000-%012X', i, i), 'u' || i || '@example.com', 'U' || i || '@EXAMPLE.COM',
            first_name(i) || ' ' || i, upper(first_name(i)) || ' ' || i, ?,
            {ticks(start)} + i * {60 * TICKS_PER_SECOND}, {ticks(start)} + i * {60 * TICKS_PER_SECOND}, '["user"]',
            {ticks(start)} + i * {60 * TICKS_PER_SECOND}, printf('%08X-1111-4000-8000-%012X', i, i), 0
        FROM n""", (DUMMY_HASH,))
    db.commit()
    two_years = 2 * 365 * 86400
    db.execute(f"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {events})
        INSERT INTO "AuditEvents" ("Id", "OccurredAt", "Type", "UserId", "Outcome", "ClientIp", "UserAgent")
        SELECT printf('%08X-2222-7000-8000-%012X', i, i), {ticks(now - two_years)} + (i * {two_years // max(events, 1)}) * {TICKS_PER_SECOND},
            event_type(i), printf('%08X-0000-7000-8000-%012X', (i % {users}) + 1, (i % {users}) + 1),
            CASE WHEN i % 6 IN (1, 5) THEN 'Failure' ELSE 'Success' END, '10.0.' || (i % 250) || '.' || (i % 200), 'Mozilla/5.0 (seeded)'
        FROM n""")
    db.commit()
    day = 86400
    db.execute(f"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {sessions})
        INSERT INTO "Sessions" ("Id", "UserId", "CreatedAt", "LastUsedAt", "ExpiresAt", "AbsoluteExpiresAt", "UserAgent",
            "IpAddress", "AuthenticationMethods", "RevokedAt", "RevocationReason")
        SELECT printf('%08X-3333-7000-8000-%012X', i, i), printf('%08X-0000-7000-8000-%012X', (i % {users}) + 1, (i % {users}) + 1),
            CASE WHEN i % 10 = 0 THEN {ticks(now - 90 * day)} ELSE {ticks(now - day)} END, {ticks(now - day)},
            CASE WHEN i % 10 = 0 THEN {ticks(now - 60 * day)} ELSE {ticks(now + 13 * day)} END, {ticks(now + 29 * day)},
            'Mozilla/5.0 (seeded)', '10.0.0.1', 'pwd',
            CASE WHEN i % 10 = 0 THEN {ticks(now - 89 * day)} ELSE NULL END, CASE WHEN i % 10 = 0 THEN 'Logout' ELSE NULL END
        FROM n""")
    db.execute(f"""
        INSERT INTO "RefreshTokens" ("Id", "SessionId", "TokenHash", "IssuedAt")
        SELECT replace("Id", '-3333-', '-4444-'), "Id", randomblob(32), "CreatedAt" FROM "Sessions" WHERE "Id" LIKE '%-3333-%'""")
    db.commit()
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def postgresql_seed(connection, users, events, sessions):
    first = "ARRAY[" + ",".join(f"'{n}'" for n in FIRST_NAMES) + "]"
    types = "ARRAY[" + ",".join(f"'{t}'" for t in TYPES) + "]"
    uid = "(lpad(to_hex({0}), 8, '0') || '-0000-7000-8000-' || lpad(to_hex({0}), 12, '0'))::uuid"
    sql = f"""
        SET synchronous_commit = off;
        INSERT INTO "Users" ("Id", "Email", "NormalizedEmail", "FullName", "NormalizedFullName", "PasswordHash",
            "CreatedAt", "PasswordChangedAt", "Roles", "EmailVerifiedAt", "SecurityStamp", "SecondFactorFailures")
        SELECT {uid.format('i')}, 'u' || i || '@example.com', 'U' || i || '@EXAMPLE.COM',
            ({first})[1 + i % 20] || ' ' || i, upper(({first})[1 + i % 20]) || ' ' || i, '{DUMMY_HASH}',
            now() - interval '1 day' - ({users} - i) * interval '1 minute', now() - ({users} - i) * interval '1 minute',
            ARRAY['user'], now(), gen_random_uuid(), 0
        FROM generate_series(1, {users}) AS i;
        INSERT INTO "AuditEvents" ("Id", "OccurredAt", "Type", "UserId", "Outcome", "ClientIp", "UserAgent")
        SELECT (lpad(to_hex(i), 8, '0') || '-2222-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
            now() - interval '730 days' + i * (interval '730 days' / {max(events, 1)}), ({types})[1 + i % 6],
            {uid.format(f'(i % {users}) + 1')}, CASE WHEN i % 6 IN (1, 5) THEN 'Failure' ELSE 'Success' END,
            '10.0.' || (i % 250) || '.' || (i % 200), 'Mozilla/5.0 (seeded)'
        FROM generate_series(1, {events}) AS i;
        INSERT INTO "Sessions" ("Id", "UserId", "CreatedAt", "LastUsedAt", "ExpiresAt", "AbsoluteExpiresAt", "UserAgent",
            "IpAddress", "AuthenticationMethods", "RevokedAt", "RevocationReason")
        SELECT (lpad(to_hex(i), 8, '0') || '-3333-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, {uid.format(f'(i % {users}) + 1')},
            CASE WHEN i % 10 = 0 THEN now() - interval '90 days' ELSE now() - interval '1 day' END, now() - interval '1 day',
            CASE WHEN i % 10 = 0 THEN now() - interval '60 days' ELSE now() + interval '13 days' END, now() + interval '29 days',
            'Mozilla/5.0 (seeded)', '10.0.0.1', 'pwd',
            CASE WHEN i % 10 = 0 THEN now() - interval '89 days' END, CASE WHEN i % 10 = 0 THEN 'Logout' END
        FROM generate_series(1, {sessions}) AS i;
        INSERT INTO "RefreshTokens" ("Id", "SessionId", "TokenHash", "IssuedAt")
        SELECT replace("Id"::text, '-3333-', '-4444-')::uuid, "Id", decode(md5("Id"::text) || md5("Id"::text || 'x'), 'hex'), "CreatedAt"
        FROM "Sessions" WHERE "Id"::text LIKE '%-3333-%';
    """
    subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-q", *connection.split(), "-c", sql], check=True)
    # What autovacuum would do over the next minutes (and compete with the measurement for the cores): done now.
    subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-q", *connection.split(), "-c", "VACUUM ANALYZE"], check=True)


if __name__ == "__main__":
    kind, target, users, events, sessions = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
    began = time.time()
    (sqlite_seed if kind == "sqlite" else postgresql_seed)(target, users, events, sessions)
    print(f"seeded {users} users, {events} audit events, {sessions} sessions in {time.time() - began:.0f} s", file=sys.stderr)

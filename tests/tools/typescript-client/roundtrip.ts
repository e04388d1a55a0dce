// What a team that generated TypeScript types from /openapi/v1.json (openapi-typescript) writes with openapi-fetch:
// sign up, log in, refresh, turn on an authenticator app, read /auth/me and the sessions. The types are the contract:
// this file must compile under strict TypeScript without a cast. Prints "round trip ok" when every step did what it says.
import createClient from "openapi-fetch";
import { execFileSync } from "node:child_process";
import type { paths } from "./generated/schema.js";

const baseUrl = (process.argv[2] ?? "").replace(/\/$/, "");
let accessToken: string | undefined;
// JSON answers and problem details: sign-up and enable_tfa also answer image/png to a client that asks for it.
const client = createClient<paths, `${string}/${string}json`>({ baseUrl });
client.use({
    onRequest({ request }) {
        if (accessToken !== undefined) {
            request.headers.set("Authorization", `Bearer ${accessToken}`);
        }

        return request;
    },
});

function expect(holds: boolean, what: string): void {
    if (!holds) {
        console.error(`failed: ${what}`);
        process.exit(1);
    }
}

/** A documented error: problem details with a stable code. */
function fail(step: string, problem: { status: number; code: string; detail?: string | null }): never {
    console.error(`failed at ${step}: ${problem.status} ${problem.code} ${problem.detail ?? ""}`);
    process.exit(1);
}

const email = `typescript.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
const password = "generated-types-passphrase-7";

const signup = await client.POST("/api/v1/auth/signup", { body: { email, password, full_name: "TypeScript Client" } });
if (signup.error) fail("sign-up", signup.error);
expect(signup.data.email === email, "sign-up answers with the new user");

const login = await client.POST("/api/v1/auth/login", { body: { email, password } });
if (login.error) fail("login", login.error);
expect(login.data.token_type === "bearer" && login.data.refresh_token !== null, "login answers with a token pair");

const refreshed = await client.POST("/api/v1/auth/refresh", { body: { refresh_token: login.data.refresh_token ?? "" } });
if (refreshed.error) fail("refresh", refreshed.error);
expect(refreshed.data.refresh_token !== login.data.refresh_token, "refresh rotates the pair");
accessToken = refreshed.data.access_token;

const enrollment = await client.PUT("/api/v1/tfa/enable_tfa", { body: { device_type: "code_generator" } });
if (enrollment.error) fail("enable_tfa", enrollment.error);
const secret = enrollment.data.enrollment?.secret;
expect(secret !== undefined && enrollment.data.device_type === "code_generator", "enable_tfa answers with the secret");

const code = execFileSync("oathtool", ["--totp", "--base32", secret ?? ""], { encoding: "utf8" }).trim();
const confirmed = await client.POST("/api/v1/tfa/confirm_tfa", { body: { tfa_token: code } });
if (confirmed.error) fail("confirm_tfa", confirmed.error);
expect(confirmed.data.backup_tokens.length > 0, "confirm_tfa answers with backup tokens");

const me = await client.GET("/api/v1/auth/me");
if (me.error) fail("me", me.error);
expect(me.data.email === email && me.data.tfa_enabled, "/auth/me shows the user with two-step sign-in on");

const sessions = await client.GET("/api/v1/auth/sessions");
if (sessions.error) fail("sessions", sessions.error);
expect(sessions.data.some(session => session.current), "the sessions list this one as current");

console.log("round trip ok");

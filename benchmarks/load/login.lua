-- POST the OAuth2 password form, each request as the next of the benchmark's users (one per line of LOGINS_FILE:
-- "<form body> <device token>"), so no account sees more parallel tries than its throttle allows, and with the
-- user's device token, so the service does not record a new device per request.
local logins = {}
for line in io.lines(os.getenv("LOGINS_FILE")) do
  local body, token = string.match(line, "^(%S+) (%S+)$")
  logins[#logins + 1] = { body = body, token = token }
end
local next_login = 0

request = function()
  next_login = next_login % #logins + 1
  local login = logins[next_login]
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Device-Token"] = login.token,
  }, login.body)
end

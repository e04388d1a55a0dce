-- Each request spends the previous refresh token of its chain. Chains (from REFRESH_TOKENS) are taken by a request
-- and given back, rotated, by its response, so no token is ever sent twice. Give one chain more than connections:
-- wrk builds one request per thread before it connects and never sends it.
local free = {}
for token in string.gmatch(os.getenv("REFRESH_TOKENS") or "", "%S+") do
  free[#free + 1] = token
end
request = function()
  local token = table.remove(free)
  if token == nil then
    -- Every chain is in flight or broken: an empty body answers 400 and is counted as an error.
    token = ""
  end
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, '{"refresh_token":"' .. token .. '"}')
end

response = function(status, headers, body)
  local token = string.match(body, '"refresh_token":"([^"]+)"')
  if status == 200 and token then
    free[#free + 1] = token
  end
end

-- Each request spends the previous refresh token of its chain. Chains (one per connection, from REFRESH_TOKENS)
-- are taken by a request and given back, rotated, by its response, so no token is ever sent twice.
local free = {}
for token in string.gmatch(os.getenv("REFRESH_TOKENS") or "", "%S+") do
  free[#free + 1] = token
end
broken = 0

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
  else
    broken = broken + 1
  end
end

-- Ordinary traffic at a steady pace: each connection waits PACE_MS between requests, so latency is measured
-- without the probe itself saturating the machine.
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("ACCESS_TOKEN") or "")
local pace = tonumber(os.getenv("PACE_MS") or "10")
delay = function() return pace end

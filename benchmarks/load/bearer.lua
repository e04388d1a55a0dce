wrk.headers["Authorization"] = "Bearer " .. (os.getenv("ACCESS_TOKEN") or "")

-- POST the OAuth2 password form; the device token keeps the service from recording a new device per request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-Device-Token"] = os.getenv("DEVICE_TOKEN")
wrk.body = os.getenv("LOGIN_BODY")

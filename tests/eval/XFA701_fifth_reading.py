# path: app/platforms/maps/client.py
# precision review (fifth reading): a key the name marks as public by design, and the
# default password of a function that creates development users
MAPS_WEB_PUBLIC_API_KEY = "AIzaQx7Lm2Vb9Rt4Kp1Wz8Ns3Jd6Hf0Gc5Ty"
STRIPE_PUBLISHABLE_KEY = "pk_q8X2mV7rT4kP9wZ3nB6yH1"
WEB_PUBLIC_TOKEN = "ghp_R7x2Lk9QmW4vT8pZ3nB6yH1jF5dS0aKcE2uX"  # error: XFA701:20
MAPS_API_KEY = "AIzaQx7Lm2Vb9Rt4Kp1Wz8Ns3Jd6Hf0Gc5Ty"  # error: XFA701:16


async def create_dev_user(*, email: str, password: str, admin_password: str = "password1234") -> None:
    ...


async def create_user(*, email: str, admin_password: str = "password1234") -> None:  # error: XFA701:60
    ...

# path: app/core/seed.py
def seed() -> None:
    print("seeding")


if __name__ == "__main__":
    print("script block")

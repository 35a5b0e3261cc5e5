# path: scripts/seed.py
from sqlalchemy import create_engine

engine = create_engine("postgresql://app@db/app")


async def main():
    pass

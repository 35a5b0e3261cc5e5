# path: tests/conftest.py
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("sqlite://")
TestingSession = sessionmaker(bind=engine)


async def client():
    pass

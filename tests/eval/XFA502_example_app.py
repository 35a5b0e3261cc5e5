# path: examples/chatbot/app.py
# sixth reading: an example that serves routes is an app as any other, even when its
# __main__ block starts an event loop
import asyncio

from fastapi import FastAPI
from sqlalchemy import create_engine, text

engine = create_engine("postgresql+psycopg2://demo@localhost/demo")  # error: XFA502:10 "create_engine"
app = FastAPI()


@app.get("/count")
async def count() -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM docs")).scalar_one()


async def main() -> None:
    print(await count())


if __name__ == "__main__":
    asyncio.run(main())

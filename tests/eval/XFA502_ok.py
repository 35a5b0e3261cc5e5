# Pure-sync module: a FastAPI app whose handlers are plain def (FastAPI's SQL tutorial shape).
from fastapi import FastAPI
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite:///app.db")
SessionLocal = sessionmaker(bind=engine)
app = FastAPI()


@app.get("/items")
def list_items():
    with Session(engine) as session:
        return []

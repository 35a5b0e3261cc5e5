# path: app/cli.py
import click

from app.db import SessionLocal


@click.command()
def reset_password(email: str):
    db_session = SessionLocal()
    db_session.commit()


@cli.group()
def users():
    def inner():
        db = SessionLocal()
        db.commit()

    inner()

# path: app/db/bootstrap.py
# precision review: a click/typer command outside a cli.py file
import typer

from app.db import Base, engine

cli = typer.Typer()


@cli.command()
def init_db() -> None:
    Base.metadata.create_all(engine)

from fastapi import HTTPException


class ExternalServiceError(Exception):
    pass


def fetch(client, url: str) -> bytes:
    try:
        return client.get(url)
    except TimeoutError as e:
        raise ExternalServiceError("upstream timed out")  # error: XFA810:9
    except (KeyError, ValueError) as exc:
        if url:
            raise HTTPException(status_code=404, detail=str(exc))  # error: XFA810:13 "exc"
        raise ValueError  # error: XFA810:9


def group(client, url: str) -> bytes:
    try:
        return client.get(url)
    except* OSError as eg:
        raise ExternalServiceError("group")  # error: XFA810:9


def nested(client, url: str) -> bytes:
    try:
        return client.get(url)
    except TimeoutError as e:
        try:
            cleanup()
        finally:
            raise type(e)("again")  # error: XFA810:13


def near_misses(client, url: str) -> bytes:
    try:
        return client.get(url)
    except TimeoutError as e:
        raise ExternalServiceError("upstream") from e
    except KeyError as e:
        raise ExternalServiceError("upstream") from None
    except ValueError as e:
        raise
    except OSError as e:
        raise e
    except LookupError as e:
        raise e.with_traceback(None)
    except RuntimeError:
        raise ExternalServiceError("no name bound")
    except ArithmeticError as e:
        error = ExternalServiceError("saved")
        raise error
    except AttributeError as e:

        def later() -> None:
            raise ExternalServiceError("in a nested function")

        raise make_error(e)
    else:
        raise ExternalServiceError("else block")


# precision review: CLI exit signals end the command; no traceback shows a cause
def cli_command(load) -> None:
    import cappa
    import click
    import typer

    try:
        load()
    except OSError as e:
        raise typer.Exit(1)
    except ValueError as e:
        raise cappa.Exit(f"failed: {e}", code=1)
    except KeyError as e:
        raise click.Abort()
    except TypeError as e:
        raise SystemExit(2)
    except IndexError as e:
        raise click.ClickException(str(e))  # error: XFA810:9

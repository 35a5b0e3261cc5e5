# path: tests/integration/test_secrets_api.py
# precision review (reading 5): in a test, a best-effort teardown step in a `finally:`
# block removes the test's own leftovers; the same catch in the test's body is reported
def test_create_secret(api) -> None:
    secret_id = None
    try:
        secret_id = api.create_secret(name="x")
        assert api.get_secret(secret_id).name == "x"
    finally:
        if secret_id:
            try:
                api.delete_secret(secret_id)
            except Exception:
                pass


def test_reads_back(api) -> None:
    try:
        api.create_secret(name="y")
    except Exception:  # error: XFA809:5
        pass
    try:
        assert api.get_secret("y")
    finally:
        try:
            api.delete_secret("y")
            api.delete_secret("z")
        except Exception:  # error: XFA809:9
            pass

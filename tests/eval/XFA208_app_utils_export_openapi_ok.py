# path: app/utils/export_openapi.py
# A module run as a script (it has a __main__ block) may import the app.
import json

from app.main import app


def export():
    print(json.dumps(app.openapi()))


if __name__ == "__main__":
    export()

# select: XFA909
# path: tests/test_email.py
import mock as mock_pkg
from unittest import mock
from unittest.mock import patch


@patch("app.services.email.send")  # error: XFA909:2
def test_decorated(send) -> None:
    ...


def test_context(mocker) -> None:
    with mock.patch("app.services.email.send") as send:  # error: XFA909:10 "mock.patch"
        pass
    with patch.object(Client, "get"):  # error: XFA909:10
        pass
    mock_pkg.patch("app.x")  # error: XFA909:5
    mocker.patch("app.services.email.send")  # error: XFA909:5
    mocker.patch.object(Client, "get", return_value=1)  # error: XFA909:5


def test_near_misses(mocker, kwargs: dict) -> None:
    with mock.patch("app.services.email.send", autospec=True):
        pass
    with patch("app.settings.DEBUG", True):
        pass
    with patch.object(Settings, "debug", False):
        pass
    with patch("app.x", new=1), patch("app.y", new_callable=mock.AsyncMock), patch("app.z", spec=Client):
        pass
    with patch.dict("os.environ", {"A": "1"}):
        pass
    with patch.multiple("app.x", a=1):
        pass
    patch("app.x", **kwargs)
    mocker.patch("app.x", autospec=True)
    mocker.patch("app.x", return_value=None, spec_set=True)


class Client:
    def get(self) -> None:
        ...


class Settings:
    debug = True

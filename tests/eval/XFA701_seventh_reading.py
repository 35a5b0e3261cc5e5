# path: app/sandbox/kubernetes_sandbox_manager.py
# precision review (seventh reading, onyx): constants that name the fields of a Kubernetes
# Secret, used only as mapping keys, hold no secret; one also passed as a value still does
from kubernetes import client


class SandboxManager:
    _OPENCODE_PASSWORD_SECRET_KEY = "password"
    _OPENCODE_CONFIG_SECRET_KEY = "config"
    _ADMIN_PASSWORD = "password"  # error: XFA701:23 "_ADMIN_PASSWORD"

    def provision(self, name: str, password: str, config_json: str) -> client.V1Secret:
        return client.V1Secret(
            metadata=client.V1ObjectMeta(name=name),
            string_data={self._OPENCODE_PASSWORD_SECRET_KEY: password, self._OPENCODE_CONFIG_SECRET_KEY: config_json},
        )

    def read(self, data: dict[str, str]) -> str | None:
        return data.get(self._OPENCODE_PASSWORD_SECRET_KEY)

    def env(self, name: str) -> client.V1EnvVarSource:
        return client.V1EnvVarSource(
            secret_key_ref=client.V1SecretKeySelector(name=name, key=self._OPENCODE_PASSWORD_SECRET_KEY)
        )

    def login(self, data: dict[str, str]) -> None:
        data[self._ADMIN_PASSWORD] = "x"
        client.login(password=self._ADMIN_PASSWORD)

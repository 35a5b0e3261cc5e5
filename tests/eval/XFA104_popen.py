# path: app/services/sandboxes.py
import asyncio
import subprocess
from subprocess import PIPE, Popen


class Sandboxes:
    async def start_agent(self, cmd: list[str]) -> subprocess.Popen:
        process = subprocess.Popen(cmd, stdout=PIPE, stderr=PIPE)
        await asyncio.sleep(1)
        if process.poll() is not None:
            _, stderr = process.communicate()  # the child has exited: returns at once
            raise RuntimeError(f"agent {process.pid} exited: {stderr!r}")
        return process

    async def start_gateway(self, cmd: str) -> None:
        self.gateway = Popen(cmd, shell=True)
        await asyncio.sleep(0)

    async def fire_and_forget(self, cmd: list[str]) -> None:
        subprocess.Popen(cmd)

    async def start_and_wait(self, cmd: list[str]) -> int:
        process = subprocess.Popen(cmd)  # error: XFA104:19 "subprocess.Popen"
        return process.wait()

    async def start_and_read(self, cmd: str) -> str:
        self.gateway = subprocess.Popen(cmd, stdout=PIPE, text=True)  # error: XFA104:24
        return self.gateway.stdout.readline()

    async def communicate(self, cmd: list[str]) -> bytes:
        proc = Popen(cmd, stdout=PIPE)  # error: XFA104:16
        out, _ = proc.communicate()
        return out

    async def entered(self, cmd: list[str]) -> None:
        with subprocess.Popen(cmd) as proc:  # error: XFA104:14
            print(proc.pid)

    async def entered_later(self, cmd: list[str]) -> None:
        proc = subprocess.Popen(cmd)  # error: XFA104:16
        with proc:
            pass

    async def handed_on(self, cmd: list[str], registry: dict) -> None:
        registry["agent"] = subprocess.Popen(cmd)  # error: XFA104:29

    async def unpacked(self, cmd: list[str]):
        proc, other = subprocess.Popen(cmd), None  # error: XFA104:23
        return proc, other

    async def polled_the_other_way(self, cmd: list[str]) -> bytes:
        proc = subprocess.Popen(cmd, stdout=PIPE)  # error: XFA104:16
        if proc.poll() is None:
            out, _ = proc.communicate()  # still running: this waits
            return out
        return b""

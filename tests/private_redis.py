"""A Redis of a test's own on a free port, for outages: stopping it leaves a closed port, and the shared Redis
(6379) is never touched."""

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import redis


@dataclass
class PrivateRedis:
    port: int
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        """Stop the server and wait for it: its port is closed afterwards."""
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(timeout=10)


@contextmanager
def private_redis_server() -> Iterator[PrivateRedis]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    server = PrivateRedis(port=port, process=process)
    client = redis.Redis(port=port)
    try:
        for _ in range(250):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.02)  # the server is starting
        yield server
    finally:
        client.close()
        server.stop()

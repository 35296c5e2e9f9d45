"""Two requests at the same moment, each on its own database connection, as two server processes would make them."""

import contextlib
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from unittest import mock

from django.db import connection, connections


@contextlib.contextmanager
def own_connections():
    """Let threads open connections of their own to the test database. SQLite's in-memory test database is one
    shared cache, where a lock fails at once instead of waiting, so on SQLite the block runs on a copy of it in a
    file (as in production) and the in-memory database is back afterwards."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "concurrent.sqlite3")
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        memory, name = connection.connection, connection.settings_dict["NAME"]
        connection.connection = None  # closing it would drop the in-memory database
        connection.settings_dict["NAME"] = path  # the dict every thread's connection is made from
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["NAME"] = name
            connection.connection = memory


def at_once(*calls):
    """Run each call in its own thread, all released together; their results in order (or the first error)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # re-raised in the test's thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return results


def slowed(cls, name: str, seconds: float = 0.5):
    """Patch `cls.name` to pause before it runs, so two requests surely overlap inside it."""
    original = getattr(cls, name)

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return original(*args, **kwargs)

    return mock.patch.object(cls, name, slow)

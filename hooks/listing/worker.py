"""A warm Python that runs listed files, each in a fresh process forked from it.

Started once per build (or per `mkdocs serve`) by hooks/listing/runner.py, it
imports numpy once and then, for each request on stdin (a JSON line with the
file's path and a timeout), forks: the child runs the file as `__main__`
exactly as `python FILE` would, in the file's folder and with that folder
first on sys.path, its stdout and stderr going to files. A child starts from
the worker's pristine state, never from another listing's, so a listing's
output does not depend on which listings ran before it. The reply on stdout is
a JSON line: returncode, stdout, stderr, timed_out.

This file imports nothing of the project: it runs as a script.
"""

import json
import os
import runpy
import signal
import sys
import tempfile
import threading
import traceback

import numpy


def _child(path: str, out: int, err: int) -> int:
    """Run `path` as `python path` would, in this forked process; returns its exit status."""
    # Never the worker's stdin: that is where its requests arrive.
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(out, 1)
    os.dup2(err, 2)
    folder = os.path.dirname(path)
    os.chdir(folder)
    sys.path[0] = folder
    sys.argv = [path]
    # A fresh interpreter seeds numpy's global generator from the OS; so does each child (`random` reseeds itself).
    numpy.random.seed()
    try:
        runpy.run_path(path, run_name="__main__")
        return 0
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            return stop.code or 0
        print(stop.code, file=sys.stderr)
        return 1
    except BaseException as error:
        # The traceback from the file's own frames on, as the interpreter prints it for `python FILE`.
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next
        traceback.print_exception(type(error), error, tb or error.__traceback__)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def run(path: str, timeout: float) -> dict:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            os._exit(_child(path, out.fileno(), err.fileno()))
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            os.kill(pid, signal.SIGKILL)

        timer = threading.Timer(timeout, stop)
        timer.start()
        _, status = os.waitpid(pid, 0)
        timer.cancel()
        timer.join()
        out.seek(0)
        err.seek(0)
        return {
            "returncode": os.waitstatus_to_exitcode(status),
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
            "timed_out": timed_out.is_set(),
        }


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        reply = run(request["path"], request["timeout"])
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

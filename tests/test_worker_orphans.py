"""Workers of ``--workers N`` end with their driver, even one killed with ``kill -9`` (issue 28, row 4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux process semantics (/proc, fork)")

DRIVER = textwrap.dedent("""
    import os, sys, time
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing as mp
    from sumcheck.parallel import _worker_init

    def pid_then_sleep(_):
        time.sleep(0.2)
        return os.getpid()

    if __name__ == "__main__":
        ctx = mp.get_context(sys.argv[1])
        pool = ProcessPoolExecutor(max_workers=2, mp_context=ctx, initializer=_worker_init, initargs=(1, os.getpid()))
        pids = sorted(set(pool.map(pid_then_sleep, range(8))))
        print(" ".join(map(str, pids)), flush=True)
        time.sleep(600)
""")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_workers_die_when_the_driver_is_killed_with_sigkill(method, tmp_path):
    script = tmp_path / "driver.py"  # a file: forkserver workers import the driver's module
    script.write_text(DRIVER)
    driver = subprocess.Popen([sys.executable, str(script), method], stdout=subprocess.PIPE, text=True)
    try:
        line = driver.stdout.readline()
        workers = [int(p) for p in line.split()]
        assert workers and all(_alive(p) for p in workers)
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.1)
        assert not any(_alive(p) for p in workers), "workers outlived a driver killed with SIGKILL"
    finally:
        if driver.poll() is None:
            driver.kill()


WATCHDOG = textwrap.dedent("""
    import os, sys, time
    import sumcheck.parallel as par

    par.PR_SET_PDEATHSIG = 0  # prctl(0, ...) is an invalid option: only the watchdog is left to act
    par.WATCH_PARENT_SECONDS = 0.1
    driver = os.getpid()
    child = os.fork()
    if child == 0:
        par.die_with_parent(driver)
        time.sleep(600)
        os._exit(0)
    print(child, flush=True)
    time.sleep(600)
""")


def test_watchdog_alone_ends_a_worker_whose_driver_died():
    driver = subprocess.Popen([sys.executable, "-c", WATCHDOG], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(driver.stdout.readline())
        time.sleep(0.3)
        assert _alive(worker)
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _alive(worker):
            time.sleep(0.05)
        assert not _alive(worker)
    finally:
        if driver.poll() is None:
            driver.kill()

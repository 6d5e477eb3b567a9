"""Start the app on 127.0.0.1 and open the browser (``run_sim.py --app``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

PAGE = Path(__file__).with_name("page.py")


def command(port: int, open_browser: bool) -> list[str]:
    """Streamlit on localhost only, no usage statistics sent, no file watcher."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PAGE),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        str(not open_browser).lower(),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]


def launch(work: Path, port: int = 8501, open_browser: bool = True) -> int:
    """Run the app until it is stopped (ctrl-C); the working folder holds its files."""
    try:
        import streamlit  # noqa: F401
    except ImportError:
        print(
            "kesalahan: aplikasi perlu paket tambahannya: pip install -e '.[app]'", file=sys.stderr
        )
        return 2
    env = os.environ | {"IKD_APP_WORK": str(work.resolve())}
    server = subprocess.Popen(command(port, open_browser), env=env, cwd=work)
    signal.signal(signal.SIGTERM, lambda *_: server.terminate())  # a stop reaches the server
    try:
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
